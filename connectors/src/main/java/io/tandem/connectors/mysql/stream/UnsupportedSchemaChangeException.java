package io.tandem.connectors.mysql.stream;

/**
 * DDL on a replicated table that tandem cannot apply yet. Replicating past it would write rows of the new shape
 * into the old table, so the source stops; the message names the table, the statement and its binlog position.
 */
public class UnsupportedSchemaChangeException extends RuntimeException {

    public UnsupportedSchemaChangeException(String message) {
        super(message);
    }
}
