package io.tandem.sink.postgres.error;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Classifies failures by SQLSTATE and exception type, never by message text: messages are localised by the server
 * and change between versions, SQLSTATEs do not.
 */
public final class SqlStates {

    /**
     * Besides class 08 (connection exception): serialization failure, deadlock, the server shutting down or
     * restarting (admin/crash/cannot-connect-now), too many connections. Each can succeed on another attempt.
     */
    private static final Set<String> TRANSIENT = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

    private SqlStates() {
    }

    /** The first SQLSTATE found along the cause chain (and SQLException's next-exception chain), or null. */
    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (e.getSQLState() != null) {
                        return e.getSQLState();
                    }
                }
            }
        }
        return null;
    }

    /** Whether another attempt, on a new connection, may succeed. */
    public static boolean isTransient(Throwable failure) {
        String state = sqlState(failure);
        if (state != null) {
            return state.startsWith("08") || TRANSIENT.contains(state);
        }
        // No SQLSTATE: only a lost transport or a pool that had no connection to give is worth retrying.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    /** Class 22 (data exception) or 23 (integrity constraint violation): the row is bad, not the connection. */
    public static boolean isDataError(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
