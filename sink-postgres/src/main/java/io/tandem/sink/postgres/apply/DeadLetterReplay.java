package io.tandem.sink.postgres.apply;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.apply.FailedStatement;
import io.tandem.engine.sink.apply.ValuePolicyTally;
import io.tandem.sink.postgres.error.SinkFailures;
import io.tandem.sink.postgres.error.SqlStates;
import io.tandem.sink.postgres.sql.TableSql;
import io.tandem.sink.postgres.state.CanonicalJson;
import io.tandem.sink.postgres.state.DeadLetterTable;
import io.tandem.sink.postgres.state.TandemSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Re-applies a batch that failed on bad data one event at a time, each under a savepoint, so that the refused
 * row changes can be told apart from the rest: each refused one is rolled back to its savepoint and recorded in
 * the dead-letter table, and everything else is applied, in the caller's transaction.
 *
 * <p>Only data errors (SQLSTATE classes 22 and 23) of row changes are dead-lettered; any other failure, and any
 * failure of DDL, still fails the batch, since skipping them would silently lose more than one row.
 */
final class DeadLetterReplay {

    private final Connection connection;
    private final StatementCache statements;
    private final int chunkRows;
    private final ValuePolicyTally policies;

    DeadLetterReplay(Connection connection, StatementCache statements, int chunkRows, ValuePolicyTally policies) {
        this.connection = connection;
        this.statements = statements;
        this.chunkRows = chunkRows;
        this.policies = policies;
    }

    /** @return the number of refused row changes by source table */
    Map<TableId, Long> apply(List<ChangeEvent> events) throws FailedStatement {
        Map<TableId, Long> refused = new LinkedHashMap<>();
        for (ChangeEvent event : events) {
            Savepoint savepoint = savepoint();
            try {
                BatchApplier single = new BatchApplier(connection, statements, chunkRows, policies);
                single.apply(event);
                single.flushAll();
                release(savepoint);
            } catch (FailedStatement e) {
                if (!(event instanceof RowChange change) || !SqlStates.isDataError(e.sqlException())) {
                    throw e;
                }
                rollbackTo(savepoint);
                record(change, e);
                refused.merge(change.table().source(), 1L, Long::sum);
            }
        }
        return refused;
    }

    private void record(RowChange change, FailedStatement failure) throws FailedStatement {
        SQLException cause = failure.sqlException();
        String reason = "SQLSTATE " + SqlStates.sqlState(cause) + ": " + SinkFailures.serverMessage(cause);
        try {
            DeadLetterTable.record(connection, change.table(), change.op().name().toLowerCase(Locale.ROOT),
                    rowKey(change), reason, change.position());
        } catch (SQLException e) {
            throw new FailedStatement("record dead letter", TandemSchema.DEAD_LETTER, e);
        }
    }

    /** The key columns' values (all written columns' for a table without a key) of the row the change is about. */
    private String rowKey(RowChange change) {
        String[] row = change.before() != null ? change.before() : change.after();
        TableSql sql = statements.get(change.table());
        int[] columns = change.table().hasPrimaryKey() ? sql.key() : sql.written();
        Map<String, String> key = new LinkedHashMap<>();
        for (int column : columns) {
            key.put(change.table().columns().get(column).name(), row[column]);
        }
        return CanonicalJson.write(key);
    }

    private Savepoint savepoint() throws FailedStatement {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new FailedStatement("savepoint", null, e);
        }
    }

    private void release(Savepoint savepoint) throws FailedStatement {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new FailedStatement("release savepoint", null, e);
        }
    }

    private void rollbackTo(Savepoint savepoint) throws FailedStatement {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw new FailedStatement("rollback to savepoint", null, e);
        }
    }
}
