package io.tandem.sink.postgres.state;

import io.tandem.engine.model.TableId;
import io.tandem.engine.resync.Resync;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code tandem.resync}: each online re-copy of a table, with its phase, copy position and copied definition. */
public final class ResyncTable {

    private static final String COLUMNS = "id, source_database, source_table, reason, requested_at, phase,"
            + " copy_position, definition, rows_copied";
    private static final String INSERT = "INSERT INTO " + TandemSchema.RESYNC
            + " (source_database, source_table, reason, phase) VALUES (?, ?, ?, 'REQUESTED')"
            + " ON CONFLICT (source_database, source_table) WHERE phase = 'REQUESTED' DO NOTHING";
    private static final String SELECT_REQUESTED_OF = "SELECT " + COLUMNS + " FROM " + TandemSchema.RESYNC
            + " WHERE source_database = ? AND source_table = ? AND phase = 'REQUESTED'";
    private static final String SELECT_UNFINISHED_OF = "SELECT " + COLUMNS + " FROM " + TandemSchema.RESYNC
            + " WHERE source_database = ? AND source_table = ? AND phase <> 'DONE'";
    private static final String SELECT_UNFINISHED = "SELECT " + COLUMNS + " FROM " + TandemSchema.RESYNC
            + " WHERE phase <> 'DONE' ORDER BY id";
    private static final String SELECT_RECENT = "SELECT " + COLUMNS + " FROM " + TandemSchema.RESYNC
            + " ORDER BY id DESC LIMIT ?";
    private static final String COPIED = "UPDATE " + TandemSchema.RESYNC + " SET phase = 'COPIED',"
            + " copy_position = CAST(? AS jsonb), definition = CAST(? AS jsonb), rows_copied = ?, copied_at = now()"
            + " WHERE id = ? AND phase = 'REQUESTED'";
    private static final String DONE = "UPDATE " + TandemSchema.RESYNC + " SET phase = 'DONE', finished_at = now()"
            + " WHERE id = ? AND phase = 'COPIED'";

    private static final String ABANDON = "UPDATE " + TandemSchema.RESYNC + " SET phase = 'DONE',"
            + " finished_at = now(), reason = reason || ' (abandoned)' WHERE id = ?";

    private ResyncTable() {
    }

    /**
     * Records a request, or finds the table's request still waiting for its copy (one copy taken later covers
     * both); inside the caller's transaction. A copied resync of the table does not count: its copy may predate
     * the reason for this one.
     */
    public static Resync request(Connection connection, TableId table, String reason) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, table.database());
            insert.setString(2, table.table());
            insert.setString(3, reason);
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(SELECT_REQUESTED_OF)) {
            select.setString(1, table.database());
            select.setString(2, table.table());
            List<Resync> found = read(select);
            if (found.isEmpty()) {
                throw new SQLException("the resync request of " + table + " vanished; is another tandem running?");
            }
            return found.get(0);
        }
    }

    public static List<Resync> unfinished(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_UNFINISHED)) {
            return read(select);
        }
    }

    public static List<Resync> recent(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_RECENT)) {
            select.setInt(1, limit);
            return read(select);
        }
    }

    /**
     * Marks the copy committed-aside, in the copy's transaction. A request that is no longer REQUESTED (another
     * process copied it meanwhile) fails the copy rather than overwrite that one.
     */
    public static void copied(Connection connection, Resync resync, Map<String, String> position,
                              TargetTable definition, long rows) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(COPIED)) {
            update.setString(1, CanonicalJson.write(position));
            update.setString(2, TableDefinitions.toJson(definition));
            update.setLong(3, rows);
            update.setLong(4, resync.id());
            if (update.executeUpdate() != 1) {
                throw new SQLException("resync " + resync.id() + " of " + resync.table() + " is no longer waiting "
                        + "for its copy; is another tandem running?");
            }
        }
    }

    /** Marks the resync swapped in, in the batch's transaction. */
    public static void done(Connection connection, Resync resync) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(DONE)) {
            update.setLong(1, resync.id());
            if (update.executeUpdate() != 1) {
                throw new SQLException("resync " + resync.id() + " of " + resync.table() + " is not COPIED");
            }
        }
    }

    /**
     * Ends the table's unfinished resyncs, if any, because the table is gone from the target (dropped, or renamed
     * away), and drops what their copies built aside; inside the caller's transaction, the one that drops the table.
     */
    public static void abandon(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_UNFINISHED_OF)) {
            select.setString(1, table.database());
            select.setString(2, table.table());
            for (Resync resync : read(select)) {
                abandon(connection, resync);
            }
        }
    }

    /** Ends one resync without swapping its copy in, and drops what the copy built aside. */
    public static void abandon(Connection connection, Resync resync) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SqlIdentifiers.quote(resync.stagingSchema()) + " CASCADE");
        }
        try (PreparedStatement update = connection.prepareStatement(ABANDON)) {
            update.setLong(1, resync.id());
            update.executeUpdate();
        }
    }

    private static List<Resync> read(PreparedStatement select) throws SQLException {
        List<Resync> resyncs = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String position = rows.getString(7);
                String definition = rows.getString(8);
                resyncs.add(new Resync(rows.getLong(1), new TableId(rows.getString(2), rows.getString(3)),
                        rows.getString(4), rows.getTimestamp(5).toInstant(), Resync.Phase.valueOf(rows.getString(6)),
                        position == null ? null : CanonicalJson.readStrings(position),
                        Optional.ofNullable(definition).map(TableDefinitions::fromJson).orElse(null),
                        rows.getLong(9)));
            }
        }
        return resyncs;
    }
}
