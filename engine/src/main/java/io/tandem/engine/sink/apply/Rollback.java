package io.tandem.engine.sink.apply;

import java.sql.Connection;
import java.sql.SQLException;

/** Rolls back a failed transaction without hiding why it failed. */
public final class Rollback {

    private Rollback() {
    }

    /**
     * Rolls back, attaching a failure to do so to {@code cause} as suppressed (the connection is then most likely
     * broken, and its pool will discard it) rather than replacing the original error.
     */
    public static void keepingCause(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
