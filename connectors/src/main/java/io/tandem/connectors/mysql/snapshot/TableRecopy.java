package io.tandem.connectors.mysql.snapshot;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.resync.TableCopier;
import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.schema.SchemaReader;
import io.tandem.connectors.mysql.schema.TableSize;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.resync.Resync;
import io.tandem.engine.resync.ResyncStore;
import io.tandem.engine.sink.SnapshotTarget.TableLoad;
import io.tandem.engine.status.SnapshotProgressTracker;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one replicated table again while the stream runs (a resync), aside, as the snapshot copies a table: one
 * consistent snapshot with its binlog position, the rows streamed into the resync's staging table, one target commit
 * carrying the rows and the phase {@code COPIED}.
 *
 * <p>The table's definition is read inside the snapshot, after the copy's first read of the table took its
 * metadata lock: from then until the copy ends, no DDL on the table can commit on the source, so the definition
 * is the one the snapshot's rows have. (A statement that changed it between the snapshot's start and that read makes
 * InnoDB refuse the read, and the copy starts again.)
 */
public final class TableRecopy implements TableCopier {

    private static final Logger LOG = LoggerFactory.getLogger(TableRecopy.class);

    /** {@code ER_TABLE_DEF_CHANGED}: the table changed after the snapshot began. */
    private static final int TABLE_DEFINITION_CHANGED = 1412;
    /** {@code ER_NO_SUCH_TABLE}. */
    private static final int NO_SUCH_TABLE = 1146;
    private static final int ATTEMPTS = 3;

    private final SourceConnections connections;
    private final ServerInfo server;
    private final SnapshotSettings settings;
    private final ResyncStore store;
    private final SnapshotProgressTracker progress;

    public TableRecopy(SourceConnections connections, ServerInfo server, SnapshotSettings settings, ResyncStore store,
                       SnapshotProgressTracker progress) {
        this.connections = connections;
        this.server = server;
        this.settings = settings;
        this.store = store;
        this.progress = progress;
    }

    /**
     * @param mapping the table's target definition from its source definition, as tandem maps any table
     * @param cancelled polled as rows are copied; the copy stops (and rolls back) when it turns true
     */
    @Override
    public Outcome copy(Resync resync, Function<SourceTable, TargetTable> mapping, Moments moments,
                        BooleanSupplier cancelled) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(resync, mapping, moments, cancelled);
            } catch (SQLException e) {
                if (e.getErrorCode() != TABLE_DEFINITION_CHANGED || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.info("{} changed while its re-copy began; starting the copy again", resync.table());
            }
        }
    }

    private Outcome attempt(Resync resync, Function<SourceTable, TargetTable> mapping, Moments moments,
                            BooleanSupplier cancelled) throws SQLException {
        TableId id = resync.table();
        long started = System.nanoTime();
        try (Connection connection = connections.open()) {
            moments.snapshotStarting();
            Map<String, String> snapshot = ConsistentSnapshot.begin(connection, server, settings.lockWaitTimeout());
            BinlogPosition position = BinlogPosition.of(snapshot);
            moments.snapshotTaken(position);
            if (!lockDefinition(connection, id)) {
                ConsistentSnapshot.end(connection);
                return new Gone(position);
            }
            SchemaReader schema = new SchemaReader(server);
            List<SourceTable> tables = schema.readTables(connection, List.of(id.database()),
                    (database, table) -> database.equals(id.database()) && table.equals(id.table()));
            if (tables.isEmpty()) {
                ConsistentSnapshot.end(connection);
                return new Gone(position);
            }
            SourceTable source = tables.get(0);
            TargetTable target = mapping.apply(source);
            TableSize size = schema.readSizes(connection, List.of(id)).get(id);
            progress.forget(id.toString());
            progress.started(id.toString(), size == null ? 0 : size.estimatedRows());
            long rows;
            try (TableLoad load = store.beginCopy(resync, target)) {
                SourcePosition at = new SourcePosition(Map.of(), snapshot,
                        "resync snapshot at " + position.file() + ":" + position.pos());
                rows = new RowStream(server, progress, cancelled).copy(connection,
                        new RowReader(source, target, settings.valuePolicies()), load, id,
                        RowStream.fetchRows(settings, size), at);
                ConsistentSnapshot.end(connection);
                load.commit(snapshot);
            }
            progress.finished(id.toString());
            long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            LOG.info("Re-copied {}: {} rows in {} ms ({} rows/s), consistent with {}:{}", id, rows, millis,
                    rows * 1000 / millis, position.file(), position.pos());
            return new Copied(store.unfinished().stream().filter(r -> r.id() == resync.id()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the copied resync " + resync.id() + " of " + id
                            + " is not in the target's records; is another tandem running?")));
        }
    }

    /**
     * Reads the table once inside the snapshot, which takes its shared metadata lock until the snapshot ends.
     * False when the table no longer exists.
     */
    private static boolean lockDefinition(Connection connection, TableId id) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1 FROM " + MySqlNames.quote(id) + " LIMIT 0").close();
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == NO_SUCH_TABLE) {
                return false;
            }
            throw e;
        }
    }
}
