package io.tandem.sink.postgres.state;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** {@code tandem.dead_letter}: rows the target refused, with why and where in the source stream they were. */
public final class DeadLetterTable {

    private static final String INSERT = "INSERT INTO " + TandemSchema.DEAD_LETTER
            + " (table_name, source_table, operation, row_key, reason, source_position, position_description)"
            + " VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?)";

    private DeadLetterTable() {
    }

    /**
     * Records a refused change inside the caller's transaction, so the record and the offset that skips past the
     * change commit together.
     *
     * @param rowKey JSON object of the row's key column values (all written columns for a table without a key)
     */
    public static void record(Connection connection, TargetTable table, String operation, String rowKey,
            String reason, SourcePosition position) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, table.displayName());
            insert.setString(2, table.source().toString());
            insert.setString(3, operation);
            insert.setString(4, rowKey);
            insert.setString(5, reason);
            insert.setString(6, CanonicalJson.write(position.offset()));
            insert.setString(7, position.description());
            insert.executeUpdate();
        }
    }
}
