package io.tandem.connectors.postgres.stream;

import io.tandem.engine.sink.OffsetStore;
import io.tandem.engine.sink.SinkException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse sink's stored offset as Debezium's PostgreSQL task reads it: when it starts, and again before every
 * commit, where it takes the LSN it confirms to the slot from it. While MySQL cannot be reached (a transient
 * failure) a read returns the offset read last instead of failing: Kafka's offset reader turns any failure into a
 * fatal {@code ConnectException}, which ended the reverse stream for good as soon as MySQL restarted. The offset
 * read last is at or behind what MySQL holds (the sink only moves it forward), so confirming it to the slot is
 * always safe, and a task restarted from it hands over nothing twice ({@link PgReplayGuard} drops repeats). Without
 * an offset read before, the failure stands.
 */
final class LastReadOffsets implements OffsetStore {

    private static final Logger LOG = LoggerFactory.getLogger(LastReadOffsets.class);

    private final OffsetStore store;
    private final Map<Map<String, ?>, Map<String, Object>> lastRead = new ConcurrentHashMap<>();

    LastReadOffsets(OffsetStore store) {
        this.store = store;
    }

    @Override
    public Optional<Map<String, Object>> committedOffset(Map<String, ?> partition) {
        try {
            Optional<Map<String, Object>> offset = store.committedOffset(partition);
            offset.ifPresent(read -> lastRead.put(Map.copyOf(partition), read));
            return offset;
        } catch (SinkException e) {
            Map<String, Object> last = lastRead.get(partition);
            if (!e.transientFailure() || last == null) {
                throw e;
            }
            LOG.warn("{}; the reverse stream goes on from the offset read last (the slot is confirmed no further)",
                    e.getMessage());
            return Optional.of(last);
        }
    }
}
