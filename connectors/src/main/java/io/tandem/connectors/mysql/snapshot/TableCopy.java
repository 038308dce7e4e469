package io.tandem.connectors.mysql.snapshot;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.schema.TableSize;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.SnapshotTarget;
import io.tandem.engine.status.SnapshotProgressTracker;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one table: target load first (it empties the table), then the source snapshot and its position, then the
 * rows, then one target commit that carries the rows and the position together.
 */
final class TableCopy {

    private static final Logger LOG = LoggerFactory.getLogger(TableCopy.class);

    private final SourceConnections connections;
    private final ServerInfo server;
    private final SnapshotSettings settings;
    private final SnapshotTarget target;
    private final SnapshotProgressTracker progress;
    private final BooleanSupplier cancelled;
    private final Set<Connection> open;

    /**
     * @param cancelled polled every {@link RowStream#REPORT_EVERY} rows; the copy stops when it turns true
     * @param open holds the source connections of running copies, so a cancelling copier can abort a blocked read
     */
    TableCopy(SourceConnections connections, ServerInfo server, SnapshotSettings settings, SnapshotTarget target,
              SnapshotProgressTracker progress, BooleanSupplier cancelled, Set<Connection> open) {
        this.connections = connections;
        this.server = server;
        this.settings = settings;
        this.target = target;
        this.progress = progress;
        this.cancelled = cancelled;
        this.open = open;
    }

    /** @param size the server's size estimate, or null when it has none */
    TableSnapshot copy(SnapshotTable table, TableSize size) throws SQLException {
        TableId id = table.source().id();
        RowReader reader = new RowReader(table.source(), table.target(), settings.valuePolicies());
        target.createTable(table.target());
        long started = System.nanoTime();
        progress.started(id.toString(), size == null ? 0 : size.estimatedRows());
        try (Connection connection = connections.open();
             SnapshotTarget.TableLoad load = target.beginLoad(table.target())) {
            open.add(connection);
            try {
                // Checked after registering: a cancel either sees this connection or is seen here.
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("copy of " + id + " cancelled");
                }
                Map<String, String> position = ConsistentSnapshot.begin(connection, server, settings.lockWaitTimeout());
                LOG.debug("Copying {} consistent with binlog position {}", id, position);
                SourcePosition at = new SourcePosition(Map.of(), position,
                        "snapshot at " + position.get("file") + ":" + position.get("pos"));
                long rows = new RowStream(server, progress, cancelled).copy(connection, reader, load, id, fetchRows(size), at);
                ConsistentSnapshot.end(connection);
                load.commit(position);
                progress.finished(id.toString());
                long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
                LOG.info("Copied {}: {} rows in {} ms ({} rows/s), consistent with {}:{}", id, rows, millis,
                        rows * 1000 / millis, position.get("file"), position.get("pos"));
                return new TableSnapshot(id, position, rows, true);
            } finally {
                open.remove(connection);
            }
        }
    }

    /** The configured fetch size, lowered for tables whose average row is large. */
    int fetchRows(TableSize size) {
        return RowStream.fetchRows(settings, size);
    }
}
