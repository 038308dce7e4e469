package io.tandem.sink.postgres.wayback;

import io.tandem.engine.lag.HeartbeatWriter;
import io.tandem.sink.postgres.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * The reverse direction's control tables on PostgreSQL, in schema {@code tandem}. Both are published with the
 * replicated tables, so their rows travel the reverse stream in commit order like any change: the heartbeat
 * measures reverse lag and keeps the slot's confirmed position moving on a quiet target, the fence token proves a
 * failback drained (CUTOVER.md §7 F3, F4). The reverse decoder reads exactly these shapes; {@code written_at} is
 * tandem's clock in µs since the epoch.
 */
public final class ReverseControlTables {

    public static final String SCHEMA = "tandem";
    public static final String HEARTBEAT = "reverse_heartbeat";
    public static final String FENCE = "reverse_fence";

    /** Not the forward schema's key ({@code TandemSchema}): either bootstrap may run while the other holds its own. */
    private static final long BOOTSTRAP_LOCK = 0x74616e64656d72L;

    private static final List<String> DDL = List.of(
            "CREATE SCHEMA IF NOT EXISTS " + SqlIdentifiers.quote(SCHEMA),
            "CREATE TABLE IF NOT EXISTS " + SqlIdentifiers.qualified(SCHEMA, HEARTBEAT) + " ("
                    + " instance text PRIMARY KEY,"
                    + " seq bigint NOT NULL,"
                    + " written_at bigint NOT NULL)",
            "CREATE TABLE IF NOT EXISTS " + SqlIdentifiers.qualified(SCHEMA, FENCE) + " ("
                    + " token text PRIMARY KEY,"
                    + " written_at bigint NOT NULL)");

    private static final String UPSERT_HEARTBEAT = "INSERT INTO " + SqlIdentifiers.qualified(SCHEMA, HEARTBEAT)
            + " (instance, seq, written_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (instance) DO UPDATE SET seq = EXCLUDED.seq, written_at = EXCLUDED.written_at";
    private static final String SELECT_SEQ = "SELECT seq FROM " + SqlIdentifiers.qualified(SCHEMA, HEARTBEAT)
            + " WHERE instance = ?";
    private static final String INSERT_FENCE = "INSERT INTO " + SqlIdentifiers.qualified(SCHEMA, FENCE)
            + " (token, written_at) VALUES (?, ?) ON CONFLICT (token) DO NOTHING";

    private ReverseControlTables() {
    }

    /** Creates the schema and both tables where absent; runs in the caller's transaction, the caller commits. */
    public static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + BOOTSTRAP_LOCK + ")");
            for (String ddl : DDL) {
                statement.execute(ddl);
            }
        }
    }

    /**
     * Writes fence {@code token}. Writing the same token again changes nothing (the first write time stays), so a
     * resumed failback can repeat its step.
     *
     * @return whether this call wrote it
     */
    public static boolean writeFence(Connection connection, String token, Instant writtenAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_FENCE)) {
            insert.setString(1, token);
            insert.setLong(2, HeartbeatWriter.micros(writtenAt));
            return insert.executeUpdate() == 1;
        }
    }

    static void upsertHeartbeat(Connection connection, String instance, long seq, long writtenAtMicros)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_HEARTBEAT)) {
            upsert.setString(1, instance);
            upsert.setLong(2, seq);
            upsert.setLong(3, writtenAtMicros);
            upsert.executeUpdate();
        }
    }

    /** The stored sequence of {@code instance}, 0 when it has none yet. */
    static long storedSeq(Connection connection, String instance) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_SEQ)) {
            select.setString(1, instance);
            try (var row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /** The two tables as {@code schema, name} pairs, for the publication. */
    static List<PublishedTable> tables() {
        return List.of(new PublishedTable(SCHEMA, HEARTBEAT), new PublishedTable(SCHEMA, FENCE));
    }
}
