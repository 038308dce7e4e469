package io.tandem.connectors.postgres.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tandem.engine.sink.SinkException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LastReadOffsetsTest {

    private static final Map<String, String> PARTITION = Map.of("server", "shop-reverse");

    private final AtomicReference<Object> next = new AtomicReference<>();
    private final LastReadOffsets offsets = new LastReadOffsets(partition -> {
        Object answer = next.get();
        if (answer instanceof SinkException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        Optional<Map<String, Object>> offset = (Optional<Map<String, Object>>) answer;
        return offset;
    });

    @Test
    void whileMySqlIsUnreachableTheOffsetReadLastIsReturned() {
        next.set(Optional.of(Map.<String, Object>of("lsn_commit", 100L)));
        offsets.committedOffset(PARTITION);
        next.set(Optional.of(Map.<String, Object>of("lsn_commit", 200L)));
        offsets.committedOffset(PARTITION);

        next.set(new SinkException("cannot read the reverse offset from MySQL", true, null));
        assertEquals(Optional.of(Map.of("lsn_commit", 200L)), offsets.committedOffset(Map.of("server", "shop-reverse")));
    }

    @Test
    void aFailureStandsWhenItIsPermanentOrNothingWasReadBefore() {
        SinkException unreachable = new SinkException("unreachable", true, null);
        next.set(unreachable);
        assertSame(unreachable, assertThrows(SinkException.class, () -> offsets.committedOffset(PARTITION)));

        next.set(Optional.of(Map.<String, Object>of("lsn_commit", 100L)));
        offsets.committedOffset(PARTITION);
        SinkException denied = new SinkException("access denied", false, null);
        next.set(denied);
        assertSame(denied, assertThrows(SinkException.class, () -> offsets.committedOffset(PARTITION)));
    }
}
