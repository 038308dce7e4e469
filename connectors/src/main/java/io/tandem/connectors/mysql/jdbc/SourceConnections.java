package io.tandem.connectors.mysql.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * Opens connections to the source with settings that make values exact and large reads streamable.
 *
 * <p>MariaDB goes through MariaDB Connector/J ({@code jdbc:mariadb:}), MySQL through MySQL Connector/J
 * ({@code jdbc:mysql:}, which Debezium brings). Every connection:
 * <ul>
 *   <li>sets the session {@code time_zone} to {@code +00:00}, so TIMESTAMP values read as UTC;</li>
 *   <li>leaves {@code sql_mode} as the server has it (reads do not depend on it, and changing it would hide
 *       how the server really behaves);</li>
 *   <li>talks utf8mb4, so 4-byte characters and other column charsets arrive converted by the server;</li>
 *   <li>raises {@code net_write_timeout}, because a streamed result is read only as fast as the target
 *       accepts rows, and the server drops a client that does not read for that long;</li>
 *   <li>turns off the drivers' reinterpretation of TINYINT(1), BIT and YEAR, so {@code getString} returns the
 *       server's text.</li>
 * </ul>
 * Temporal columns are never read as JDBC temporal types (the snapshot selects them as text), so the drivers'
 * zero-date handling never runs; MySQL Connector/J is told to throw rather than turn zero dates into NULL, so
 * that an accidental typed read fails loudly instead of changing data.
 */
public final class SourceConnections {

    /** Seconds the server waits for a slow reader before dropping the connection (see class comment). */
    static final int NET_WRITE_TIMEOUT_SECONDS = 3600;

    private static final Map<String, String> MARIADB_PROPERTIES = Map.of(
            "tinyInt1isBit", "false",
            "transformedBitIsBoolean", "false",
            "yearIsDateType", "false",
            "useServerPrepStmts", "false");

    private static final Map<String, String> MYSQL_PROPERTIES = Map.of(
            "characterEncoding", "UTF-8",
            "tinyInt1isBit", "false",
            "transformedBitIsBoolean", "false",
            "yearIsDateType", "false",
            "zeroDateTimeBehavior", "EXCEPTION",
            "useServerPrepStmts", "false",
            "useCursorFetch", "false",
            "netTimeoutForStreamingResults", String.valueOf(NET_WRITE_TIMEOUT_SECONDS));

    private final SourceEndpoint endpoint;

    public SourceConnections(SourceEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public SourceEndpoint endpoint() {
        return endpoint;
    }

    public Flavor flavor() {
        return endpoint.flavor();
    }

    /** The JDBC URL without credentials; no default database, since every query names its tables. */
    public String jdbcUrl() {
        String scheme = endpoint.flavor() == Flavor.MARIADB ? "jdbc:mariadb://" : "jdbc:mysql://";
        String host = endpoint.host().contains(":") ? "[" + endpoint.host() + "]" : endpoint.host();
        return scheme + host + ":" + endpoint.port() + "/";
    }

    /** Opens a connection in autocommit mode with the session settings described on the class. */
    public Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(endpoint.driverProperties());
        // Exactness settings win over user-supplied properties: they are what the readers rely on.
        properties.putAll(endpoint.flavor() == Flavor.MARIADB ? MARIADB_PROPERTIES : MYSQL_PROPERTIES);
        properties.setProperty("user", endpoint.user());
        properties.setProperty("password", endpoint.password().reveal());
        Connection connection = DriverManager.getConnection(jdbcUrl(), properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION time_zone = '+00:00', SESSION net_write_timeout = "
                    + NET_WRITE_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw e;
        }
        return connection;
    }

    /** Asks the server what it is, on a short-lived connection. */
    public ServerInfo serverInfo() throws SQLException {
        try (Connection connection = open()) {
            return ServerInfo.detect(connection);
        }
    }

    /**
     * A statement whose result sets stream instead of being buffered whole: MySQL Connector/J streams row by
     * row with fetch size {@link Integer#MIN_VALUE} (a server-side cursor would first copy the result into a
     * temporary table); MariaDB Connector/J streams in batches of {@code fetchRows}. While such a result set is
     * open, its connection must not run another statement.
     */
    public static Statement streamingStatement(Connection connection, Flavor flavor, int fetchRows)
            throws SQLException {
        Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(flavor == Flavor.MYSQL ? Integer.MIN_VALUE : fetchRows);
        return statement;
    }

    private static void closeQuietly(Connection connection, SQLException failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
