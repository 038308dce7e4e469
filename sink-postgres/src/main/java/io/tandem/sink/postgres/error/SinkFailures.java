package io.tandem.sink.postgres.error;

import io.tandem.engine.sink.SinkException;
import io.tandem.engine.sink.apply.FailedStatement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Builds the {@link SinkException} that leaves the sink. Data errors (SQLSTATE classes 22 and 23) are where the
 * server quotes row values in its message and detail, so for them the message carries only the names the server
 * reports (constraint, column, type) and the server's exception is not attached; other errors keep it.
 */
public final class SinkFailures {

    private SinkFailures() {
    }

    /**
     * @param operation what failed, e.g. {@code upsert}
     * @param table the target table's display name, or null
     * @param position the source position description of the batch or event, or null outside of a batch
     */
    public static SinkException of(String operation, String table, String position, Throwable failure) {
        String state = SqlStates.sqlState(failure);
        boolean transientFailure = SqlStates.isTransient(failure);
        boolean dataError = SqlStates.isDataError(failure);
        StringBuilder message = new StringBuilder(operation);
        if (table != null) {
            message.append(" on ").append(table);
        }
        message.append(" failed");
        if (position != null) {
            message.append(" at source position ").append(position);
        }
        message.append(": SQLSTATE ").append(state == null ? "none" : state);
        appendServerNames(message, failure);
        if (!dataError) {
            message.append(": ").append(describe(failure));
        }
        message.append(transientFailure ? " (transient, may be retried)" : " (not retryable)");
        return new SinkException(message.toString(), transientFailure, dataError ? null : failure);
    }

    public static SinkException of(FailedStatement failed, String position) {
        return of(failed.operation(), failed.table(), position, failed.sqlException());
    }

    /**
     * The server's primary message, or the exception's message when the server sent none. May quote row values:
     * only for places inside the target database (the dead-letter table), never for logs or exceptions.
     */
    public static String serverMessage(Throwable failure) {
        return describe(failure);
    }

    private static void appendServerNames(StringBuilder message, Throwable failure) {
        ServerErrorMessage server = serverError(failure);
        if (server == null) {
            return;
        }
        appendIfPresent(message, "constraint", server.getConstraint());
        appendIfPresent(message, "column", server.getColumn());
        appendIfPresent(message, "type", server.getDatatype());
    }

    private static void appendIfPresent(StringBuilder message, String name, String value) {
        if (value != null && !value.isEmpty()) {
            message.append(", ").append(name).append(' ').append(value);
        }
    }

    private static String describe(Throwable failure) {
        ServerErrorMessage server = serverError(failure);
        if (server != null && server.getMessage() != null) {
            return server.getMessage();
        }
        return String.valueOf(failure.getMessage());
    }

    private static ServerErrorMessage serverError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage();
            }
        }
        return null;
    }
}
