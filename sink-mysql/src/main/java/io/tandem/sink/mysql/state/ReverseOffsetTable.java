package io.tandem.sink.mysql.state;

import io.tandem.connectors.mysql.admin.ControlTables;
import io.tandem.engine.model.SourcePosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code reverse_offset} in the control database: one row per source partition (its canonical JSON), holding the
 * offset of the last PostgreSQL transaction applied to MySQL. Written in the same MySQL transaction as the rows it
 * covers, so the two commit together, and so every transaction the reverse sink applies carries this marker row.
 */
public final class ReverseOffsetTable {

    private final String upsert;
    private final String select;

    public ReverseOffsetTable(ControlTables tables) {
        String table = tables.qualified(ControlTables.REVERSE_OFFSET);
        this.upsert = "INSERT INTO " + table + " (partition_key, source_offset, position_description, updated_at)"
                + " VALUES (?, ?, ?, UTC_TIMESTAMP(6))"
                // Values bound twice rather than VALUES(), which MySQL deprecates from 8.0.20.
                + " ON DUPLICATE KEY UPDATE source_offset = ?, position_description = ?, updated_at = UTC_TIMESTAMP(6)";
        this.select = "SELECT source_offset FROM " + table + " WHERE partition_key = ?";
    }

    /** Stores the position inside the caller's transaction: the rows and their position commit together. */
    public void write(Connection connection, SourcePosition position) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(upsert)) {
            statement.setString(1, OffsetJson.write(position.partition()));
            String offset = OffsetJson.write(position.offset());
            statement.setString(2, offset);
            statement.setString(3, position.description());
            statement.setString(4, offset);
            statement.setString(5, position.description());
            statement.executeUpdate();
        }
    }

    /** The stored offset of a partition, or empty before the first applied transaction. */
    public Optional<Map<String, Object>> read(Connection connection, Map<String, ?> partition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setString(1, OffsetJson.write(partition));
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(OffsetJson.read(row.getString(1))) : Optional.empty();
            }
        }
    }

    /**
     * Whether exactly this position is the stored one, compared as JSON values (both sides read back through the
     * same JSON), not as text.
     */
    public boolean isStored(Connection connection, SourcePosition position) throws SQLException {
        return read(connection, position.partition())
                .map(stored -> stored.equals(OffsetJson.read(OffsetJson.write(position.offset()))))
                .orElse(false);
    }
}
