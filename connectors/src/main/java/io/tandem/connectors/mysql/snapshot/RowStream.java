package io.tandem.connectors.mysql.snapshot;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.schema.TableSize;
import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.SnapshotTarget;
import io.tandem.engine.status.SnapshotProgressTracker;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Reads one table's rows on a connection whose consistent snapshot is open and hands them to a target load,
 * streaming (bounded memory), reporting progress and checking for cancellation as it goes. The initial snapshot and
 * a resync copy rows alike through here.
 */
final class RowStream {

    /** Rows between progress reports and cancellation checks. */
    static final int REPORT_EVERY = 1024;

    /**
     * About how many bytes of rows one MariaDB fetch may hold: the driver buffers a whole fetch, so a table with
     * large rows (BLOBs) gets fewer rows per fetch, keeping memory bounded by row size rather than row count.
     */
    static final long FETCH_BYTES = 16L << 20;

    private final ServerInfo server;
    private final SnapshotProgressTracker progress;
    private final BooleanSupplier cancelled;

    /** @param cancelled polled every {@link #REPORT_EVERY} rows; the copy stops when it turns true */
    RowStream(ServerInfo server, SnapshotProgressTracker progress, BooleanSupplier cancelled) {
        this.server = server;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    long copy(Connection connection, RowReader reader, SnapshotTarget.TableLoad load, TableId id,
                        int fetchRows, SourcePosition position) throws SQLException {
        long rows = 0;
        try (Statement statement = SourceConnections.streamingStatement(connection, server.flavor(), fetchRows);
             ResultSet rs = statement.executeQuery(reader.sql())) {
            try {
                int sinceReport = 0;
                while (rs.next()) {
                    String[] row = reader.read(rs, ++rows);
                    PolicyApplied applied = reader.policyApplied(rs, position);
                    if (applied != null) {
                        load.policyApplied(applied);
                    }
                    if (applied == null || !applied.deadLettered()) {
                        load.row(row);
                    }
                    if (++sinceReport == REPORT_EVERY) {
                        progress.rowsCopied(id.toString(), sinceReport);
                        sinceReport = 0;
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException("copy of " + id + " cancelled");
                        }
                    }
                }
                progress.rowsCopied(id.toString(), sinceReport);
            } catch (RuntimeException | SQLException e) {
                // Closing a streaming result set reads it to the end; dropping the connection does not.
                abort(connection, e);
                throw e;
            }
        }
        return rows;
    }

    /** The configured fetch size, lowered for tables whose average row is large. */
    static int fetchRows(SnapshotSettings settings, TableSize size) {
        if (size == null || size.estimatedRows() <= 0 || size.dataLength() <= 0) {
            return settings.fetchRows();
        }
        long averageRow = Math.max(1, size.dataLength() / size.estimatedRows());
        return (int) Math.max(1, Math.min(settings.fetchRows(), FETCH_BYTES / averageRow));
    }

    private static void abort(Connection connection, Exception failure) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
