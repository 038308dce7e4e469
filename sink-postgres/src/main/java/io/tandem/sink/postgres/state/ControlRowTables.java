package io.tandem.sink.postgres.state;

import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.Heartbeat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code tandem.heartbeat} and {@code tandem.fence}: tandem's control rows from the source, written inside the
 * caller's transaction so they commit with the batch and its offset. A heartbeat committed here therefore proves
 * that everything before it on the source is committed too. Both writes are idempotent (a replayed batch after a
 * crash writes the same values).
 */
public final class ControlRowTables {

    private static final String UPSERT_HEARTBEAT = "INSERT INTO " + TandemSchema.HEARTBEAT
            + " (instance, seq, written_at, position_description) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (instance) DO UPDATE SET seq = EXCLUDED.seq, written_at = EXCLUDED.written_at,"
            + " position_description = EXCLUDED.position_description, applied_at = now()";
    private static final String INSERT_FENCE = "INSERT INTO " + TandemSchema.FENCE
            + " (token, position_description) VALUES (?, ?) ON CONFLICT (token) DO NOTHING";

    private static final String SELECT_HEARTBEAT = "SELECT seq, written_at FROM " + TandemSchema.HEARTBEAT
            + " WHERE instance = ?";

    /** The newest heartbeat of an instance the target has committed. */
    public record AppliedHeartbeat(long seq, long writtenAtMicros) {
    }

    private ControlRowTables() {
    }

    /** The instance's last committed heartbeat, if any: where the lag stands when tandem starts again. */
    public static Optional<AppliedHeartbeat> applied(Connection connection, String instance) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_HEARTBEAT)) {
            select.setString(1, instance);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new AppliedHeartbeat(row.getLong(1), row.getLong(2))) : Optional.empty();
            }
        }
    }

    public static void write(Connection connection, Heartbeat heartbeat) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_HEARTBEAT)) {
            upsert.setString(1, heartbeat.instance());
            upsert.setLong(2, heartbeat.seq());
            upsert.setLong(3, heartbeat.writtenAtMicros());
            upsert.setString(4, heartbeat.position().description());
            upsert.executeUpdate();
        }
    }

    public static void write(Connection connection, FenceToken fence) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_FENCE)) {
            insert.setString(1, fence.token());
            insert.setString(2, fence.position().description());
            insert.executeUpdate();
        }
    }
}
