package io.tandem.sink.mysql.state;

import io.tandem.connectors.mysql.admin.ControlTables;
import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.Heartbeat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * {@code reverse_heartbeat} and {@code reverse_fence}: tandem's control rows from PostgreSQL, written inside the
 * caller's transaction so they commit with the rows around them and their offset. A heartbeat or token committed
 * here proves that everything committed before it on PostgreSQL is on MySQL too (the failback drain). Both writes
 * are idempotent: a transaction applied again after a crash writes the same values.
 */
public final class ReverseControlRows {

    private final String upsertHeartbeat;
    private final String insertFence;
    private final String selectFence;
    private final String selectHeartbeat;

    public ReverseControlRows(ControlTables tables) {
        this.upsertHeartbeat = "INSERT INTO " + tables.qualified(ControlTables.REVERSE_HEARTBEAT)
                + " (instance, seq, written_at, position_description, applied_at)"
                + " VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE seq = ?, written_at = ?,"
                + " position_description = ?, applied_at = UTC_TIMESTAMP(6)";
        this.insertFence = "INSERT INTO " + tables.qualified(ControlTables.REVERSE_FENCE)
                + " (token, position_description, applied_at) VALUES (?, ?, UTC_TIMESTAMP(6))"
                + " ON DUPLICATE KEY UPDATE token = token";
        this.selectFence = "SELECT 1 FROM " + tables.qualified(ControlTables.REVERSE_FENCE) + " WHERE token = ?";
        this.selectHeartbeat = "SELECT seq FROM " + tables.qualified(ControlTables.REVERSE_HEARTBEAT)
                + " WHERE instance = ?";
    }

    public void write(Connection connection, Heartbeat heartbeat) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(upsertHeartbeat)) {
            statement.setString(1, heartbeat.instance());
            statement.setLong(2, heartbeat.seq());
            statement.setLong(3, heartbeat.writtenAtMicros());
            statement.setString(4, heartbeat.position().description());
            statement.setLong(5, heartbeat.seq());
            statement.setLong(6, heartbeat.writtenAtMicros());
            statement.setString(7, heartbeat.position().description());
            statement.executeUpdate();
        }
    }

    public void write(Connection connection, FenceToken fence) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insertFence)) {
            statement.setString(1, fence.token());
            statement.setString(2, fence.position().description());
            statement.executeUpdate();
        }
    }

    /** Whether the token has been applied (committed, when the connection sees only committed rows). */
    public boolean fenceApplied(Connection connection, String token) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(selectFence)) {
            statement.setString(1, token);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    /** The newest applied heartbeat sequence number of an instance, if any. */
    public OptionalLong appliedSeq(Connection connection, String instance) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(selectHeartbeat)) {
            statement.setString(1, instance);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
