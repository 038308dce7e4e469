package io.tandem.sink.postgres.copy;

import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.SnapshotTarget;
import io.tandem.engine.sink.apply.FailedStatement;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.ddl.SchemaApplier;
import io.tandem.sink.postgres.error.SinkFailures;
import io.tandem.sink.postgres.sql.Transactions;
import io.tandem.sink.postgres.state.SnapshotMarks;
import io.tandem.sink.postgres.state.TableDefinitions;
import io.tandem.sink.postgres.state.TandemSchema;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The snapshot's target: tables created up front, then each copied by COPY in its own transaction. */
public final class PostgresSnapshotTarget implements SnapshotTarget {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSnapshotTarget.class);

    private final DataSource pool;
    private final CopySettings copies;

    public PostgresSnapshotTarget(DataSource pool, CopySettings copies) {
        this.pool = pool;
        this.copies = copies;
    }

    /**
     * Creates the table and stores its definition in one transaction, so a table tandem created always has one.
     * Only tables about to be copied come here; one that tandem created earlier with another definition (its
     * source table changed while tandem was stopped, before its copy committed) is dropped first, since the copy
     * refills it anyway and a table of the old shape would not take the new rows.
     *
     * <p>Copier threads may create tables of one schema at once; {@link SchemaApplier#createTable} serializes
     * them (and other writers' DDL) with an advisory lock.
     */
    @Override
    public void createTable(TargetTable table) {
        try {
            Transactions.run(pool, connection -> {
                Optional<TargetTable> stored = TableDefinitions.read(connection, table.source());
                if (stored.isPresent() && !stored.get().equals(table)) {
                    LOG.info("{} is copied again with its current definition; dropping the table tandem created "
                            + "with the previous one", table.source());
                    SchemaApplier.dropTable(connection, stored.get());
                }
                SchemaApplier.createTable(connection, table);
                TableDefinitions.write(connection, table);
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
        return CopyTableLoad.begin(pool, table, copies);
    }
}
