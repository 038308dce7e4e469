package io.tandem.engine.sink.apply;

import java.sql.SQLException;

/**
 * A statement that failed, with what it was doing and to which table, so that the error reported upwards names
 * them without quoting any row value.
 */
public final class FailedStatement extends Exception {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String table;

    /**
     * @param operation what was being done, e.g. {@code upsert} or {@code copy}
     * @param table the target table's display name, or null when the statement concerned no single table
     */
    public FailedStatement(String operation, String table, SQLException cause) {
        super(operation + (table == null ? "" : " on " + table), cause, false, false);
        this.operation = operation;
        this.table = table;
    }

    public String operation() {
        return operation;
    }

    public String table() {
        return table;
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }
}
