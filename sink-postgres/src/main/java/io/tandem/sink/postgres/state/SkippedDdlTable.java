package io.tandem.sink.postgres.state;

import io.tandem.engine.change.SkippedSchemaChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** {@code tandem.skipped_ddl}: source schema changes not translated, with the statement, the reason and where. */
public final class SkippedDdlTable {

    private static final String INSERT = "INSERT INTO " + TandemSchema.SKIPPED_DDL
            + " (source_table, statement, reason, source_position, position_description)"
            + " VALUES (?, ?, ?, CAST(? AS jsonb), ?)";

    private SkippedDdlTable() {
    }

    /**
     * Records the skip inside the caller's transaction, so the record and the offset that moves past the statement
     * commit together: a skipped statement is either recorded or will be read again.
     */
    public static void record(Connection connection, SkippedSchemaChange skipped) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, skipped.table().toString());
            insert.setString(2, skipped.statement());
            insert.setString(3, skipped.reason());
            insert.setString(4, CanonicalJson.write(skipped.position().offset()));
            insert.setString(5, skipped.position().description());
            insert.executeUpdate();
        }
    }
}
