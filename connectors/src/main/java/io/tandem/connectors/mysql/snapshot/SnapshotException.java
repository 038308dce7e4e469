package io.tandem.connectors.mysql.snapshot;

import io.tandem.engine.model.TableId;

/** The copy of a table failed; the copy as a whole stopped, and tables not yet committed will be copied again. */
public class SnapshotException extends RuntimeException {

    private final TableId table;

    public SnapshotException(TableId table, String message, Throwable cause) {
        super(message, cause);
        this.table = table;
    }

    /** The table whose copy failed. */
    public TableId table() {
        return table;
    }
}
