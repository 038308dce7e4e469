package io.tandem.engine.sink.apply;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.model.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-applies a batch that failed on bad data one event at a time, each under a savepoint, so that the refused
 * row changes can be told apart from the rest: each refused one is rolled back to its savepoint and recorded as a
 * dead letter, and everything else is applied, in the caller's transaction.
 *
 * <p>Only data errors ({@link SinkDialect#isDataError}) of row changes are dead-lettered; any other failure, and
 * any failure of DDL, still fails the batch, since skipping them would silently lose more than one row.
 */
final class DeadLetterReplay {

    private final Connection connection;
    private final SinkDialect dialect;
    private final int chunkRows;
    private final ValuePolicyTally policies;

    DeadLetterReplay(Connection connection, SinkDialect dialect, int chunkRows, ValuePolicyTally policies) {
        this.connection = connection;
        this.dialect = dialect;
        this.chunkRows = chunkRows;
        this.policies = policies;
    }

    /** @return the number of refused row changes by source table */
    Map<TableId, Long> apply(List<ChangeEvent> events) throws FailedStatement {
        Map<TableId, Long> refused = new LinkedHashMap<>();
        for (ChangeEvent event : events) {
            Savepoint savepoint = savepoint();
            try {
                BatchApplier single = new BatchApplier(connection, dialect, chunkRows, policies);
                single.apply(event);
                single.flushAll();
                release(savepoint);
            } catch (FailedStatement e) {
                if (!(event instanceof RowChange change) || !dialect.isDataError(e.sqlException())) {
                    throw e;
                }
                rollbackTo(savepoint);
                dialect.recordDeadLetter(connection, change, rowKey(change), e.sqlException());
                refused.merge(change.table().source(), 1L, Long::sum);
            }
        }
        return refused;
    }

    /** The key columns' values (all written columns' for a table without a key) of the row the change is about. */
    private static Map<String, String> rowKey(RowChange change) {
        String[] row = change.before() != null ? change.before() : change.after();
        int[] columns = change.table().hasPrimaryKey()
                ? ColumnIndexes.primaryKey(change.table())
                : ColumnIndexes.replicated(change.table());
        Map<String, String> key = new LinkedHashMap<>();
        for (int column : columns) {
            key.put(change.table().columns().get(column).name(), row[column]);
        }
        return key;
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
