package io.tandem.connectors.mysql.stream;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;

/**
 * DDL on a replicated table that tandem cannot apply yet. Replicating past it would write rows of the new shape
 * into the old table, so the source stops (or, with {@code ddl.on-unsupported: skip}, the statement is recorded
 * and skipped); the message names the table, the statement and its binlog position.
 */
public class UnsupportedSchemaChangeException extends RuntimeException {

    private final TableId table;
    private final String statement;

    public UnsupportedSchemaChangeException(TableId table, String statement, SourcePosition position, String reason) {
        super("schema change on " + table + " is not supported yet: " + statement + " at " + position
                + (reason == null ? "" : " (" + reason + ")"));
        this.table = table;
        this.statement = statement;
    }

    /** A problem that no policy may skip (the stream could not decode the table's rows), with its own message. */
    public UnsupportedSchemaChangeException(String message) {
        super(message);
        this.table = null;
        this.statement = null;
    }

    /** The replicated table the statement touches; null when the change may not be skipped. */
    TableId table() {
        return table;
    }

    String statement() {
        return statement;
    }
}
