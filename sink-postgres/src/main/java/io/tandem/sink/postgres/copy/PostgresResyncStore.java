package io.tandem.sink.postgres.copy;

import static io.tandem.sink.postgres.sql.SqlIdentifiers.quote;

import io.tandem.engine.model.TableId;
import io.tandem.engine.resync.Resync;
import io.tandem.engine.resync.ResyncStore;
import io.tandem.engine.sink.SnapshotTarget.TableLoad;
import io.tandem.engine.sink.apply.FailedStatement;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.ddl.TableDdl;
import io.tandem.sink.postgres.error.SinkFailures;
import io.tandem.sink.postgres.sql.Transactions;
import io.tandem.sink.postgres.state.ResyncTable;
import io.tandem.sink.postgres.state.TandemSchema;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Resyncs in {@code tandem.resync}, copies built in a schema of their own ({@link Resync#stagingSchema()}) by the
 * same COPY as the snapshot, so a re-copied table gets the same columns, identity, key and indexes as a copied one.
 */
public final class PostgresResyncStore implements ResyncStore {

    private final DataSource pool;
    private final CopySettings copies;

    public PostgresResyncStore(DataSource pool, CopySettings copies) {
        this.pool = pool;
        this.copies = copies;
    }

    @Override
    public Resync request(TableId table, String reason) {
        return run("record resync request", connection -> ResyncTable.request(connection, table, reason));
    }

    @Override
    public void abandon(Resync resync) {
        run("abandon resync", connection -> {
            ResyncTable.abandon(connection, resync);
            return null;
        });
    }

    @Override
    public List<Resync> unfinished() {
        return run("read resyncs", ResyncTable::unfinished);
    }

    @Override
    public List<Resync> recent(int limit) {
        return run("read resyncs", connection -> ResyncTable.recent(connection, limit));
    }

    @Override
    public TableLoad beginCopy(Resync resync, TargetTable table) {
        TargetTable staged = new TargetTable(table.source(), resync.stagingSchema(), table.name(), table.columns(),
                table.primaryKey(), table.indexes(), table.notes());
        return CopyTableLoad.begin(pool, staged, copies,
                connection -> {
                    try (Statement statement = connection.createStatement()) {
                        // What an interrupted attempt left is gone with its transaction; this only clears a
                        // schema a manual step or an older tandem left behind.
                        statement.execute("DROP SCHEMA IF EXISTS " + quote(resync.stagingSchema()) + " CASCADE");
                        statement.execute("CREATE SCHEMA " + quote(resync.stagingSchema()));
                        statement.execute(TableDdl.createTable(staged));
                        for (String index : TableDdl.createIndexes(staged)) {
                            statement.execute(index);
                        }
                    }
                },
                (connection, position, rows) -> ResyncTable.copied(connection, resync, position, table, rows));
    }

    private <T> T run(String operation, Transactions.Work<T> work) {
        try {
            return Transactions.run(pool, work);
        } catch (SQLException | FailedStatement e) {
            throw SinkFailures.of(operation, TandemSchema.RESYNC, null, e);
        }
    }
}
