package io.tandem.sink.mysql.sql;

import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.jdbc.SourceEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Connections the reverse sink writes MySQL with, and the session settings every write relies on.
 *
 * <ul>
 *   <li>{@code sql_mode}: {@link #SQL_MODE}. Strict for every table, so a value MySQL cannot hold fails the
 *       statement instead of being clipped with a warning. {@code NO_ZERO_DATE} and {@code NO_ZERO_IN_DATE}: tandem
 *       never writes a zero date (PostgreSQL has none; the forward zero-date policy's NULL or {@code -infinity} is
 *       not turned back into one), so any zero date reaching the server is an error. {@code NO_AUTO_VALUE_ON_ZERO}:
 *       an id 0 written on PostgreSQL is stored as 0, not replaced by the next AUTO_INCREMENT value.
 *       {@code NO_ENGINE_SUBSTITUTION} and {@code ERROR_FOR_DIVISION_BY_ZERO} as MySQL's own default has them.
 *       Neither {@code ANSI_QUOTES} nor {@code PAD_CHAR_TO_FULL_LENGTH}: statements quote with backticks, and CHAR
 *       values are compared without their padding, as the snapshot read them.</li>
 *   <li>{@code time_zone = '+00:00'}: TIMESTAMP values arrive as UTC wall times.</li>
 *   <li>utf8mb4 on the wire (both drivers' default, set by the driver, never by {@code SET NAMES}, which MySQL
 *       Connector/J must not be surprised by): PostgreSQL text holds any character; a column whose charset cannot
 *       hold one rejects it (strict mode), nothing is replaced by {@code ?}.</li>
 *   <li>{@code foreign_key_checks = 0}: MySQL must end up holding exactly what PostgreSQL holds, and PostgreSQL
 *       enforces none of MySQL's foreign keys (tandem creates none there), so the application may have committed a
 *       row there that a MySQL key would refuse; with the checks on, MySQL would refuse it and stop the way back,
 *       and an {@code ON DELETE CASCADE} would delete rows PostgreSQL kept. The batching also writes a table's
 *       changes together, not in the statement order across tables that checks per row would need. Verification
 *       compares the rows, whatever the keys.</li>
 *   <li>autocommit off: the caller commits the rows with their {@code reverse_offset} row.</li>
 *   <li>the drivers report <em>found</em> rows ({@code useAffectedRows=false}), so an UPDATE that matched a row
 *       counts 1 even when it changed nothing: {@code updateOne} relies on it.</li>
 * </ul>
 */
public final class MySqlSession {

    public static final String SQL_MODE = "STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,NO_AUTO_VALUE_ON_ZERO,"
            + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    private MySqlSession() {
    }

    /**
     * A new connection to {@code endpoint} with the session settings described on the class, opened as the
     * source's connections are ({@link SourceConnections}: the drivers' exactness properties, UTC) plus found rows.
     */
    public static Connection open(SourceEndpoint endpoint) throws SQLException {
        Map<String, String> properties = new HashMap<>(endpoint.driverProperties());
        // Both drivers' default, pinned so that a user property cannot turn updateOne's count into changed rows.
        properties.put("useAffectedRows", "false");
        Connection connection = new SourceConnections(new SourceEndpoint(endpoint.flavor(), endpoint.host(),
                endpoint.port(), endpoint.user(), endpoint.password(), properties)).open();
        try {
            configure(connection);
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return connection;
    }

    /** Applies the session settings to a connection opened elsewhere (its driver properties are the opener's). */
    public static void configure(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION sql_mode = '" + SQL_MODE + "', SESSION time_zone = '+00:00',"
                    + " SESSION foreign_key_checks = 0");
        }
        connection.setAutoCommit(false);
    }
}
