package io.tandem.connectors.mysql.admin;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The control database on the source ({@code source.control-database}) and its tables, by name, and their creation
 * at start. The database is tandem's alone: it is never one of the replicated databases, so its tables are never
 * copied or created in an application schema on the target.
 *
 * <ul>
 *   <li>{@code heartbeat}: one row per tandem instance, {@code (instance, seq, written_at)}; {@code written_at} is
 *       the writer's clock in µs since the epoch, so the source's clock never enters the lag.</li>
 *   <li>{@code fence}: one row per fence token, {@code (token, written_at)}.</li>
 * </ul>
 *
 * <p>The reverse direction (PostgreSQL back to this server, for failback) keeps its own three tables here, written
 * by the reverse sink inside the transaction that applies the rows ({@link #createReverse}):
 * <ul>
 *   <li>{@code reverse_offset}: per source partition (its canonical JSON), the offset committed last. It is also
 *       the marker of every transaction the reverse sink applied: a forward reader drops transactions touching
 *       it, so failback writes never come back around.</li>
 *   <li>{@code reverse_heartbeat}: per tandem instance, the newest heartbeat from PostgreSQL that was applied,
 *       {@code written_at} in the writer's clock (µs), {@code applied_at} in this server's clock (UTC).</li>
 *   <li>{@code reverse_fence}: one row per fence token written on PostgreSQL and applied here.</li>
 * </ul>
 */
public final class ControlTables {

    public static final String HEARTBEAT = "heartbeat";
    public static final String FENCE = "fence";
    public static final String REVERSE_OFFSET = "reverse_offset";
    public static final String REVERSE_HEARTBEAT = "reverse_heartbeat";
    public static final String REVERSE_FENCE = "reverse_fence";

    /** Keys are compared byte for byte: a partition or token is exactly the text tandem wrote. */
    private static final String TABLE_OPTIONS = ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

    /**
     * "No privilege" errors, by code rather than message: 1044 database access denied, 1142 command denied for a
     * table, 1227 a privilege missing for the operation.
     */
    private static final Set<Integer> DENIED = Set.of(1044, 1142, 1227);

    private final String database;

    public ControlTables(String database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    public String database() {
        return database;
    }

    /** {@code `db`.`heartbeat`}. */
    String heartbeat() {
        return MySqlNames.quote(database) + "." + MySqlNames.quote(HEARTBEAT);
    }

    /** {@code `db`.`fence`}. */
    String fence() {
        return MySqlNames.quote(database) + "." + MySqlNames.quote(FENCE);
    }

    /** {@code `db`.`table`} of one of the control tables, e.g. {@link #REVERSE_OFFSET}. */
    public String qualified(String table) {
        return MySqlNames.quote(database) + "." + MySqlNames.quote(table);
    }

    /**
     * Creates the database and tables where absent (each statement is idempotent, so every start runs them).
     *
     * @throws IllegalStateException naming the grant to add when the user may not create or write them
     */
    public void create(Connection connection) throws SQLException {
        run(connection, List.of(
                "CREATE DATABASE IF NOT EXISTS " + MySqlNames.quote(database),
                "CREATE TABLE IF NOT EXISTS " + heartbeat() + " ("
                        + " instance VARCHAR(64) NOT NULL PRIMARY KEY,"
                        + " seq BIGINT NOT NULL,"
                        + " written_at BIGINT NOT NULL COMMENT 'tandem clock, microseconds since the epoch'"
                        + ") ENGINE=InnoDB",
                "CREATE TABLE IF NOT EXISTS " + fence() + " ("
                        + " token VARCHAR(64) NOT NULL PRIMARY KEY,"
                        + " written_at BIGINT NOT NULL COMMENT 'tandem clock, microseconds since the epoch'"
                        + ") ENGINE=InnoDB"));
    }

    /**
     * Creates the database and the reverse direction's tables where absent (idempotent, like {@link #create}).
     * Times of this server ({@code updated_at}, {@code applied_at}) are DATETIME(6) in UTC, the reverse sink's
     * session time zone: TIMESTAMP would end in 2038.
     *
     * @throws IllegalStateException naming the grant to add when the user may not create or write them
     */
    public void createReverse(Connection connection) throws SQLException {
        run(connection, List.of(
                "CREATE DATABASE IF NOT EXISTS " + MySqlNames.quote(database),
                "CREATE TABLE IF NOT EXISTS " + qualified(REVERSE_OFFSET) + " ("
                        + " partition_key VARCHAR(255) NOT NULL PRIMARY KEY,"
                        + " source_offset TEXT NOT NULL COMMENT 'JSON, keys sorted',"
                        + " position_description VARCHAR(255) NOT NULL,"
                        + " updated_at DATETIME(6) NOT NULL COMMENT 'UTC'"
                        + TABLE_OPTIONS,
                "CREATE TABLE IF NOT EXISTS " + qualified(REVERSE_HEARTBEAT) + " ("
                        + " instance VARCHAR(64) NOT NULL PRIMARY KEY,"
                        + " seq BIGINT NOT NULL,"
                        + " written_at BIGINT NOT NULL COMMENT 'tandem clock, microseconds since the epoch',"
                        + " position_description VARCHAR(255) NOT NULL,"
                        + " applied_at DATETIME(6) NOT NULL COMMENT 'UTC'"
                        + TABLE_OPTIONS,
                "CREATE TABLE IF NOT EXISTS " + qualified(REVERSE_FENCE) + " ("
                        + " token VARCHAR(64) NOT NULL PRIMARY KEY,"
                        + " position_description VARCHAR(255) NOT NULL,"
                        + " applied_at DATETIME(6) NOT NULL COMMENT 'UTC'"
                        + TABLE_OPTIONS));
    }

    private void run(Connection connection, List<String> ddl) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : ddl) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            if (DENIED.contains(e.getErrorCode())) {
                throw new IllegalStateException(missingGrant(account(connection), e), e);
            }
            throw e;
        }
    }

    /** The message for a refused statement on the control database: what to grant, to whom. */
    private String missingGrant(String account, SQLException cause) {
        return "tandem keeps its control tables in the source database " + MySqlNames.quote(database)
                + " (source.control-database) but may not create or write them (error " + cause.getErrorCode()
                + "); run on the source: GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON " + MySqlNames.quote(database)
                + ".* TO " + account + ";";
    }

    /** The account the server matched, as a GRANT names it: {@code 'tandem'@'%'}. */
    private static String account(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT CURRENT_USER()")) {
            if (row.next()) {
                String current = row.getString(1);
                int at = current.lastIndexOf('@');
                if (at > 0) {
                    return MySqlNames.literal(current.substring(0, at)) + "@"
                            + MySqlNames.literal(current.substring(at + 1));
                }
            }
        } catch (SQLException e) {
            // Only the message gets vaguer; the refusal itself is what is reported.
        }
        return "<tandem user>@<tandem host>";
    }
}
