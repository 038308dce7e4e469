package io.tandem.sink.postgres.ddl;

import io.tandem.engine.sink.SinkException;
import io.tandem.engine.sink.apply.Rollback;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.error.SinkFailures;
import io.tandem.sink.postgres.error.SqlStates;
import io.tandem.sink.postgres.sql.ColumnValues;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Checks every column override of the config against the target before any data moves: PostgreSQL parses and
 * plans {@code SELECT CAST(NULL AS type), <the conversion of a NULL text>} with {@code PREPARE}, which resolves the
 * type, the expression's functions and operators and its result's cast to the type without running anything. A
 * typo in a type or expression thus stops tandem at start, naming the config key, instead of failing the first row.
 */
public final class OverrideCheck {

    private static final String STATEMENT = "tandem_override_check";

    private OverrideCheck() {
    }

    /**
     * @throws SinkException naming every refused override with PostgreSQL's reason and the fix (not transient: the
     *     config has to change), or the failure to reach the target
     */
    public static void verify(DataSource pool, Collection<TargetTable> tables) {
        List<String> refused = new ArrayList<>();
        try (Connection connection = pool.getConnection()) {
            try {
                for (TargetTable table : tables) {
                    for (TargetColumn column : table.columns()) {
                        if (column.override() != null) {
                            check(connection, table, column).ifPresent(refused::add);
                        }
                    }
                }
            } finally {
                Rollback.keepingCause(connection, new SQLException("override check"));
            }
        } catch (SQLException e) {
            throw SinkFailures.of("check column overrides", null, null, e);
        }
        if (!refused.isEmpty()) {
            throw new SinkException("PostgreSQL refuses column overrides of the config (columns:); fix the type or "
                    + "the using expression:\n  " + String.join("\n  ", refused), false, null);
        }
    }

    /** The problem with one override, or empty when PostgreSQL accepts it. */
    private static Optional<String> check(Connection connection, TargetTable table, TargetColumn column)
            throws SQLException {
        String probe = "PREPARE " + STATEMENT + " AS SELECT CAST(NULL AS " + column.pgType() + "), "
                + ColumnValues.of("CAST(NULL AS text)", column);
        Savepoint savepoint = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            statement.execute(probe);
            statement.execute("DEALLOCATE " + STATEMENT);
            connection.releaseSavepoint(savepoint);
            return Optional.empty();
        } catch (SQLException e) {
            if (SqlStates.isTransient(e)) {
                throw e;
            }
            connection.rollback(savepoint);
            return Optional.of("columns.\"" + table.source() + "." + column.sourceName() + "\" ("
                    + column.override().describe() + "): " + SinkFailures.serverMessage(e));
        }
    }
}
