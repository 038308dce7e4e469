package io.tandem.engine.sink;

import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.util.List;
import java.util.Map;

/**
 * The daemon's durable state, kept in the target database so that no required state lives on local disk: the
 * source position the sink last committed, the source's schema history (Debezium needs it to decode the binlog)
 * and the table definitions committed with the position.
 * Writing the position is not here on purpose: only {@link ChangeSink#apply} writes it, inside its transaction.
 */
public interface StateStore extends OffsetStore {

    /**
     * Stores an offset outside of a batch. Only for the moment before any batch exists: the start position of
     * streaming chosen after the snapshot. Refuses to move a stored offset.
     */
    void initializeOffset(Map<String, ?> partition, Map<String, ?> offset);

    /** Schema history records in the order they were appended (opaque documents of the source connector). */
    List<String> schemaHistory();

    void appendSchemaHistory(String record);

    boolean schemaHistoryExists();

    /**
     * The definition each replicated table is written with, as committed with the stored offset (the sink writes
     * it in the transaction that creates or changes the table). A stream resuming from the offset decodes with
     * these, since the source's current schema may already hold changes the binlog has not delivered yet.
     */
    Map<TableId, TargetTable> tableDefinitions();
}
