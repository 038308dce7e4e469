package io.tandem.sink.mysql.error;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Classifies failures from MariaDB Connector/J and MySQL Connector/J by vendor error code, SQLSTATE and exception
 * type, never by message text (messages are localised and change between versions; codes do not).
 *
 * <ul>
 *   <li>{@link Kind#RETRYABLE}: another attempt, on a new connection, may succeed: deadlock and lock wait timeout
 *       (the transaction was rolled back or can be), a lost or refused connection, a server shutting down.</li>
 *   <li>{@link Kind#DATA}: MySQL refused a value or a row (range, format, length, charset, JSON, NULL, a unique or
 *       foreign key, a CHECK): the same row fails again, so replication stops naming it.</li>
 *   <li>{@link Kind#READ_ONLY}: the server is read-only (1290, 1836) and tandem's account may not bypass it. During
 *       failback the source stays {@code read_only} for applications, and only the reverse sink's account writes:
 *       it needs {@code READ ONLY ADMIN} on MariaDB 10.11 and later (SUPER no longer bypasses it there), SUPER or
 *       CONNECTION_ADMIN with {@code super_read_only} OFF on MySQL. Retrying cannot help; it is fatal.</li>
 *   <li>{@link Kind#FATAL}: everything else (missing table or column, denied privilege, syntax).</li>
 * </ul>
 */
public final class MySqlErrors {

    /** How a failure is handled. */
    public enum Kind { RETRYABLE, DATA, READ_ONLY, FATAL }

    /**
     * 1205 lock wait timeout, 1213 deadlock, 1040 too many connections, 1053 server shutdown, 1927 connection
     * killed (MariaDB), 2002/2003 cannot connect, 2006 server gone away, 2013 lost connection during a query.
     */
    private static final Set<Integer> RETRYABLE = Set.of(1205, 1213, 1040, 1053, 1927, 2002, 2003, 2006, 2013);

    /** 1290 the server runs with an option that prevents the statement (read_only), 1836 read-only mode. */
    private static final Set<Integer> READ_ONLY = Set.of(1290, 1836);

    /**
     * Refused values and rows, by code, with what each means (the message says the code and this meaning; the
     * server's own message, which names the column, follows).
     */
    private static final Map<Integer, String> DATA = Map.ofEntries(
            Map.entry(1048, "a NOT NULL column got NULL"),
            Map.entry(1062, "duplicate key"),
            Map.entry(1264, "value out of the column's range"),
            Map.entry(1265, "value truncated"),
            Map.entry(1292, "incorrect date, time or number"),
            Map.entry(1366, "incorrect value for the column (often a character its charset cannot hold)"),
            Map.entry(1367, "illegal value"),
            Map.entry(1406, "value too long for the column"),
            Map.entry(1416, "not a geometry MySQL can store"),
            Map.entry(1451, "a foreign key references the row"),
            Map.entry(1452, "the row's foreign key references no row"),
            Map.entry(1690, "value out of range in an expression"),
            Map.entry(3140, "invalid JSON text"),
            Map.entry(3819, "a CHECK constraint failed"),
            Map.entry(4025, "a CHECK constraint failed"));

    private MySqlErrors() {
    }

    public static Kind classify(Throwable failure) {
        SQLException sql = firstSqlException(failure);
        if (sql != null) {
            for (SQLException e = sql; e != null; e = e.getNextException()) {
                int code = e.getErrorCode();
                if (RETRYABLE.contains(code)) {
                    return Kind.RETRYABLE;
                }
                if (READ_ONLY.contains(code)) {
                    return Kind.READ_ONLY;
                }
                if (DATA.containsKey(code)) {
                    return Kind.DATA;
                }
                String state = e.getSQLState();
                if (state != null) {
                    // 40001 is MySQL's SQLSTATE for a deadlock; class 08 a connection exception.
                    if (state.startsWith("08") || state.equals("40001")) {
                        return Kind.RETRYABLE;
                    }
                    if (state.startsWith("22") || state.startsWith("23")) {
                        return Kind.DATA;
                    }
                }
            }
        }
        // No code or SQLSTATE that says more: only a lost transport is worth retrying.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return Kind.RETRYABLE;
            }
        }
        return Kind.FATAL;
    }

    public static boolean isRetryable(Throwable failure) {
        return classify(failure) == Kind.RETRYABLE;
    }

    /** The failure for a log line or an operator: its code, what it means here, and the server's message. */
    public static String describe(Throwable failure) {
        SQLException sql = firstSqlException(failure);
        if (sql == null) {
            return String.valueOf(failure.getMessage());
        }
        String code = "error " + sql.getErrorCode() + " (SQLSTATE " + sql.getSQLState() + ")";
        return switch (classify(failure)) {
            case READ_ONLY -> code + ": MySQL is read-only and tandem's account may not write through it. Grant it"
                    + " READ ONLY ADMIN (MariaDB 10.11 and later), or on MySQL SUPER or CONNECTION_ADMIN with"
                    + " super_read_only OFF; server says: " + sql.getMessage();
            case DATA -> code + (DATA.containsKey(sql.getErrorCode()) ? ", " + DATA.get(sql.getErrorCode()) : "")
                    + ": " + sql.getMessage();
            case RETRYABLE, FATAL -> code + ": " + sql.getMessage();
        };
    }

    /**
     * {@link #describe} with the row values the server quotes in some messages ({@code Duplicate entry 'x' for key},
     * {@code Incorrect integer value: 'x' for column}) withheld, for errors and logs, which must not carry row data.
     * Names of columns and keys stay: they say where to look.
     */
    public static String describeWithoutValues(Throwable failure) {
        return QUOTED_VALUE.matcher(describe(failure)).replaceAll("$1'…'");
    }

    /** A quoted literal after the words servers put before a value (not before a column or key name). */
    private static final Pattern QUOTED_VALUE = Pattern.compile(
            "((?:entry|value|value:|string|Truncated incorrect \\w+ value:) )'(?:[^'\\\\]|\\\\.|'')*'");

    private static SQLException firstSqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
