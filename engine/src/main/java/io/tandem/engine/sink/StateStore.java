package io.tandem.engine.sink;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's durable state, kept in the target database so that no required state lives on local disk: the
 * source position the sink last committed and the source's schema history (Debezium needs it to decode the binlog).
 * Writing the position is not here on purpose: only {@link ChangeSink#apply} writes it, inside its transaction.
 */
public interface StateStore {

    /** The stored source offset for a source partition, as written by the sink, or empty before the first batch. */
    Optional<Map<String, Object>> committedOffset(Map<String, ?> partition);

    /**
     * Stores an offset outside of a batch. Only for the moment before any batch exists: the start position of
     * streaming chosen after the snapshot. Refuses to move a stored offset.
     */
    void initializeOffset(Map<String, ?> partition, Map<String, ?> offset);

    /** Schema history records in the order they were appended (opaque documents of the source connector). */
    List<String> schemaHistory();

    void appendSchemaHistory(String record);

    boolean schemaHistoryExists();
}
