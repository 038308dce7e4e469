package io.tandem.connectors.mysql.stream;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;

/**
 * A binlog event tandem could not turn into changes. The message names the table (when the event names one), the
 * statement (for DDL), the binlog position and the cause, so the operator can find the event on the source; the
 * cause stays attached.
 */
public class ChangeDecodingException extends RuntimeException {

    /**
     * @param table the table the event changes, or null when it is not known
     * @param statement the DDL statement, or null for a row event
     */
    public ChangeDecodingException(TableId table, String statement, SourcePosition position, Throwable cause) {
        super(message(table, statement, position, cause), cause);
    }

    static String message(TableId table, String statement, SourcePosition position, Throwable cause) {
        String what = statement == null ? "the row change" : "the schema change";
        return "cannot decode " + what + (table == null ? "" : " of table " + table) + " at binlog position "
                + (position == null ? "unknown" : position.description())
                + (statement == null ? "" : " (statement: " + statement + ")") + ": " + reason(cause);
    }

    /** The cause's own message, with its type when that alone says little (a parser's "Unexpected input: N"). */
    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getName();
        }
        return cause.getClass().getName().startsWith("io.tandem.") ? message
                : cause.getClass().getSimpleName() + ": " + message;
    }
}
