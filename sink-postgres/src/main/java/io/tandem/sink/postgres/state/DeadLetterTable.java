package io.tandem.sink.postgres.state;

import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.PolicyAction;
import io.tandem.engine.values.PolicyHit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** {@code tandem.dead_letter}: rows the target refused, with why and where in the source stream they were. */
public final class DeadLetterTable {

    private static final String INSERT = "INSERT INTO " + TandemSchema.DEAD_LETTER
            + " (table_name, source_table, operation, row_key, reason, source_position, position_description)"
            + " VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?)";

    private static final String INSERT_REFUSED_VALUE = "INSERT INTO " + TandemSchema.DEAD_LETTER
            + " (table_name, source_table, operation, row_key, reason, source_position, position_description,"
            + " column_name, original_value) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)";

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

    /**
     * Records a row a value policy refused, one record per refused value, inside the caller's transaction (the
     * batch's or the table copy's), so the record commits exactly with the position that moves past the row.
     */
    public static void record(Connection connection, PolicyApplied refused) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_REFUSED_VALUE)) {
            for (PolicyHit hit : refused.hits()) {
                if (hit.action() != PolicyAction.DEAD_LETTER) {
                    continue;
                }
                insert.setString(1, refused.table().displayName());
                insert.setString(2, refused.table().source().toString());
                insert.setString(3, refused.operation());
                insert.setString(4, CanonicalJson.write(refused.rowKey()));
                insert.setString(5, hit.issue().label() + ": " + hit.issue().configKey() + " is dead-letter");
                insert.setString(6, CanonicalJson.write(refused.position().offset()));
                insert.setString(7, refused.position().description());
                insert.setString(8, hit.column());
                insert.setString(9, hit.original());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
