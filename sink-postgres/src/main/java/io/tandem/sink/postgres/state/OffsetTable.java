package io.tandem.sink.postgres.state;

import io.tandem.engine.model.SourcePosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** {@code tandem.offsets}: one row per source partition, keyed by the partition's canonical JSON. */
public final class OffsetTable {

    private static final String UPSERT = "INSERT INTO " + TandemSchema.OFFSETS
            + " (partition_key, source_offset, updated_at) VALUES (?, CAST(? AS jsonb), now())"
            + " ON CONFLICT (partition_key) DO UPDATE"
            + " SET source_offset = EXCLUDED.source_offset, updated_at = EXCLUDED.updated_at";
    private static final String INSERT_NEW = "INSERT INTO " + TandemSchema.OFFSETS
            + " (partition_key, source_offset, updated_at) VALUES (?, CAST(? AS jsonb), now())"
            + " ON CONFLICT (partition_key) DO NOTHING";
    private static final String SELECT = "SELECT source_offset FROM " + TandemSchema.OFFSETS
            + " WHERE partition_key = ?";

    private static final String MATCHES = "SELECT source_offset = CAST(? AS jsonb) FROM " + TandemSchema.OFFSETS
            + " WHERE partition_key = ?";

    private OffsetTable() {
    }

    /** Stores the position inside the caller's transaction: the batch and its position commit together. */
    public static void write(Connection connection, SourcePosition position) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, CanonicalJson.write(position.partition()));
            upsert.setString(2, CanonicalJson.write(position.offset()));
            upsert.executeUpdate();
        }
    }

    /** Inserts the first offset of a partition; false when one is already stored (it is left unchanged). */
    public static boolean insertIfAbsent(Connection connection, Map<String, ?> partition, Map<String, ?> offset)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_NEW)) {
            insert.setString(1, CanonicalJson.write(partition));
            insert.setString(2, CanonicalJson.write(offset));
            return insert.executeUpdate() == 1;
        }
    }

    public static Optional<Map<String, Object>> read(Connection connection, Map<String, ?> partition)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, CanonicalJson.write(partition));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(CanonicalJson.readObject(rows.getString(1))) : Optional.empty();
            }
        }
    }

    /** Whether exactly this position is the stored one (compared as JSON values, not as text). */
    public static boolean isStored(Connection connection, SourcePosition position) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(MATCHES)) {
            select.setString(1, CanonicalJson.write(position.offset()));
            select.setString(2, CanonicalJson.write(position.partition()));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }
}
