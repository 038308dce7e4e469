package io.tandem.sink.postgres.state;

import io.tandem.engine.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code tandem.snapshot_tables}: which tables' copies have committed, and at which source position. */
public final class SnapshotMarks {

    private static final String UPSERT = "INSERT INTO " + TandemSchema.SNAPSHOT_TABLES
            + " (source_database, source_table, source_position, rows_copied, completed_at)"
            + " VALUES (?, ?, CAST(? AS jsonb), ?, now())"
            + " ON CONFLICT (source_database, source_table) DO UPDATE SET source_position = EXCLUDED.source_position,"
            + " rows_copied = EXCLUDED.rows_copied, completed_at = EXCLUDED.completed_at";
    private static final String SELECT = "SELECT source_database, source_table, source_position FROM "
            + TandemSchema.SNAPSHOT_TABLES + " ORDER BY source_database, source_table";

    private SnapshotMarks() {
    }

    /** Marks a table copied, inside the caller's transaction (the one that holds the copied rows). */
    public static void mark(Connection connection, TableId table, Map<String, String> position, long rows)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, table.database());
            upsert.setString(2, table.table());
            upsert.setString(3, CanonicalJson.write(position));
            upsert.setLong(4, rows);
            upsert.executeUpdate();
        }
    }

    public static Map<TableId, Map<String, String>> read(Connection connection) throws SQLException {
        Map<TableId, Map<String, String>> completed = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                completed.put(new TableId(rows.getString(1), rows.getString(2)),
                        CanonicalJson.readStrings(rows.getString(3)));
            }
        }
        return completed;
    }
}
