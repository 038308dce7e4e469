package io.tandem.sink.postgres.copy;

import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.SnapshotTarget;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.ddl.SchemaApplier;
import io.tandem.sink.postgres.error.FailedStatement;
import io.tandem.sink.postgres.error.SinkFailures;
import io.tandem.sink.postgres.sql.Transactions;
import io.tandem.sink.postgres.state.SnapshotMarks;
import io.tandem.sink.postgres.state.TandemSchema;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/** The snapshot's target: tables created up front, then each copied by COPY in its own transaction. */
public final class PostgresSnapshotTarget implements SnapshotTarget {

    private final DataSource pool;
    private final int copyBufferBytes;

    public PostgresSnapshotTarget(DataSource pool, int copyBufferBytes) {
        this.pool = pool;
        this.copyBufferBytes = copyBufferBytes;
    }

    /**
     * Synchronized because copier threads may create tables of one schema at once, and two concurrent
     * {@code CREATE SCHEMA IF NOT EXISTS} can still collide on the catalog's unique index.
     */
    @Override
    public synchronized void createTable(TargetTable table) {
        try {
            Transactions.run(pool, connection -> {
                SchemaApplier.createTable(connection, table);
                return null;
            });
        } catch (FailedStatement e) {
            throw SinkFailures.of(e, null);
        } catch (SQLException e) {
            throw SinkFailures.of("create table", table.displayName(), null, e);
        }
    }

    @Override
    public Map<TableId, Map<String, String>> completedTables() {
        try {
            return Transactions.run(pool, SnapshotMarks::read);
        } catch (SQLException | FailedStatement e) {
            throw SinkFailures.of("read snapshot marks", TandemSchema.SNAPSHOT_TABLES, null, e);
        }
    }

    @Override
    public TableLoad beginLoad(TargetTable table) {
        return CopyTableLoad.begin(pool, table, copyBufferBytes);
    }
}
