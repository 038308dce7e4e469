package io.tandem.connectors.mysql.snapshot;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Starts a read-only, repeatable-read transaction on a connection and returns the binlog position its snapshot is
 * consistent with: every transaction logged before the position is visible in it, none logged at or after it.
 *
 * <p>MariaDB reports that position for the session's snapshot itself ({@code binlog_snapshot_file/position}),
 * so no lock is taken. MySQL has no such status, so the position is read while FLUSH TABLES WITH READ LOCK stops
 * commits, just for the moment of starting the snapshot; {@code lock_wait_timeout} bounds how long that lock may
 * wait for running statements, because writes queue behind it meanwhile.
 */
final class ConsistentSnapshot {

    private ConsistentSnapshot() {
    }

    static Map<String, String> begin(Connection connection, ServerInfo server, Duration lockWaitTimeout)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            return server.isMariaDb()
                    ? beginMariaDb(connection, statement)
                    : beginMySql(statement, server, lockWaitTimeout);
        }
    }

    /** Ends the snapshot transaction; it only read, so commit and rollback are the same. */
    static void end(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("COMMIT");
        }
    }

    private static Map<String, String> beginMariaDb(Connection connection, Statement statement) throws SQLException {
        statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        Map<String, String> status = new HashMap<>();
        try (ResultSet rs = statement.executeQuery("SHOW SESSION STATUS LIKE 'binlog_snapshot_%'")) {
            while (rs.next()) {
                status.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            }
        }
        String file = status.get("binlog_snapshot_file");
        String pos = status.get("binlog_snapshot_position");
        Map<String, String> position = position(file, pos);
        // The GTID position of the same point, so the stream can start by GTID; NULL when the server has none.
        try (PreparedStatement gtid = connection.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
            gtid.setString(1, file);
            gtid.setLong(2, Long.parseLong(pos));
            try (ResultSet rs = gtid.executeQuery()) {
                if (rs.next() && rs.getString(1) != null && !rs.getString(1).isEmpty()) {
                    position.put(BinlogPosition.GTIDS, rs.getString(1));
                }
            }
        }
        return Map.copyOf(position);
    }

    private static Map<String, String> beginMySql(Statement statement, ServerInfo server, Duration lockWaitTimeout)
            throws SQLException {
        // Stays set for the session: the SELECT's metadata lock then also gives up rather than queue behind DDL.
        statement.execute("SET SESSION lock_wait_timeout = " + Math.max(1, lockWaitTimeout.toSeconds()));
        statement.execute("FLUSH TABLES WITH READ LOCK");
        try {
            statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            String show = server.atLeast(8, 2) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
            try (ResultSet rs = statement.executeQuery(show)) {
                if (!rs.next()) {
                    throw notLogging();
                }
                Map<String, String> position = position(rs.getString("File"), rs.getString("Position"));
                String gtids = rs.getString("Executed_Gtid_Set");
                if (gtids != null && !gtids.isBlank()) {
                    position.put(BinlogPosition.GTIDS, gtids.replace("\n", ""));
                }
                return Map.copyOf(position);
            }
        } finally {
            statement.execute("UNLOCK TABLES");
        }
    }

    private static Map<String, String> position(String file, String pos) {
        if (file == null || file.isEmpty() || pos == null) {
            throw notLogging();
        }
        Map<String, String> position = new HashMap<>();
        position.put(BinlogPosition.FILE, file);
        position.put(BinlogPosition.POS, pos);
        return position;
    }

    private static IllegalStateException notLogging() {
        return new IllegalStateException("the source reports no binlog position: binary logging is off."
                + " Fix: set log_bin and server_id in the server config and restart it");
    }
}
