package io.tandem.engine.sink;

import io.tandem.engine.model.TableId;

/**
 * Told about dead-lettered row changes once the transaction recording them has committed, so that metrics and
 * status count only what is really in the target's dead-letter table.
 */
@FunctionalInterface
public interface DeadLetterListener {

    DeadLetterListener NONE = (table, rows) -> { };

    /** @param sourceTable the source table the refused changes came from */
    void deadLettered(TableId sourceTable, long rows);
}
