package io.tandem.connect.record;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.StreamPoint;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * How a Kafka topic-partition's progress is stored in {@code tandem.offsets}, next to the rows it covers: the
 * partition key names the topic and partition; the offset holds the next record to apply (Kafka's convention for
 * committed offsets) and the binlog place of the last row change applied from it ({@link SourceEvents}). Connector
 * names are not part of the key on purpose: a connector renamed or recreated over the same target resumes where
 * the target is, not from the topic's start.
 */
public final class TopicPositions {

    private static final String TOPIC = "kafka.topic";
    private static final String PARTITION = "kafka.partition";
    private static final String NEXT_OFFSET = "kafka.next.offset";
    private static final String SERIES = "source.series";
    private static final String EVENT = "source.event";

    private TopicPositions() {
    }

    /** What has been applied from one topic-partition. */
    public record Progress(long nextOffset, StreamPoint lastEvent) {
    }

    public static Map<String, Object> partitionKey(TopicPartition partition) {
        return Map.of(TOPIC, partition.topic(), PARTITION, partition.partition());
    }

    /** The position after the record at {@code offset}: resuming there applies the next one. */
    static SourcePosition after(TopicPartition partition, long offset, StreamPoint lastEvent, String event) {
        Map<String, Object> stored = new HashMap<>();
        stored.put(NEXT_OFFSET, offset + 1);
        if (lastEvent != null) {
            stored.put(SERIES, lastEvent.series());
            stored.put(EVENT, Arrays.stream(lastEvent.ordinal()).boxed().toList());
        }
        return new SourcePosition(partitionKey(partition), stored,
                partition + "@" + offset + (event == null ? "" : " (" + event + ")"));
    }

    /** The progress a stored offset describes; empty when nothing of the partition was ever applied. */
    public static Optional<Progress> progress(Optional<Map<String, Object>> stored) {
        return stored.map(TopicPositions::progress);
    }

    public static Progress progress(Map<String, ?> stored) {
        long next = ((Number) stored.get(NEXT_OFFSET)).longValue();
        Object series = stored.get(SERIES);
        if (series == null) {
            return new Progress(next, null);
        }
        long[] ordinal = ((List<?>) stored.get(EVENT)).stream()
                .mapToLong(n -> ((Number) n).longValue()).toArray();
        return new Progress(next, StreamPoint.of(series.toString(), ordinal));
    }
}
