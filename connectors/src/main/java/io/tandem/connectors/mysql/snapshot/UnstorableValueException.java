package io.tandem.connectors.mysql.snapshot;

import io.tandem.engine.model.TableId;

/**
 * A source value PostgreSQL cannot store (a zero date, a NUL character). tandem never changes such a value on
 * its own: the message names the table, column and row and says how to fix the data on the source.
 */
public class UnstorableValueException extends RuntimeException {

    private final TableId table;
    private final String column;
    private final String rowKey;

    public UnstorableValueException(TableId table, String column, String rowKey, String message) {
        super(message);
        this.table = table;
        this.column = column;
        this.rowKey = rowKey;
    }

    public TableId table() {
        return table;
    }

    public String column() {
        return column;
    }

    /** The row's primary key as {@code col=value, ...}, or its ordinal in the copy for a table without a key. */
    public String rowKey() {
        return rowKey;
    }
}
