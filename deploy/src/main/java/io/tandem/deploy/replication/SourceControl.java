package io.tandem.deploy.replication;

import io.tandem.connectors.mysql.admin.ControlTables;
import io.tandem.connectors.mysql.admin.SourceFence;
import io.tandem.connectors.mysql.admin.SourceHeartbeatTable;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.engine.config.TandemConfig;
import io.tandem.engine.lag.HeartbeatWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * tandem's own writes on the source, wired: the control tables, created at start (before the snapshot, so a missing
 * grant stops tandem before any work), the heartbeat writer that feeds the lag once streaming runs, and the fence.
 */
public final class SourceControl implements AutoCloseable {

    private final HeartbeatWriter heartbeat;
    private final SourceFence fence;

    private SourceControl(HeartbeatWriter heartbeat, SourceFence fence) {
        this.heartbeat = heartbeat;
        this.fence = fence;
    }

    /** Creates the control database and tables where absent; the writer does not run yet. */
    static SourceControl prepare(TandemConfig config, SourceConnections source, ReplicationMetrics metrics,
                                 Clock clock) throws SQLException {
        ControlTables tables = new ControlTables(config.source().controlDatabase());
        try (Connection connection = source.open()) {
            tables.create(connection);
        }
        HeartbeatWriter writer = new HeartbeatWriter(new SourceHeartbeatTable(source::open, tables), config.name(),
                config.lag().heartbeatInterval(), clock, metrics.lag(), metrics.tandemMetrics()::heartbeatWriteFailed);
        return new SourceControl(writer, new SourceFence(source::open, tables, clock));
    }

    /** Starts the heartbeat; called once the binlog stream runs, so every heartbeat it writes can arrive. */
    void startHeartbeat() {
        heartbeat.start();
    }

    /** Pause and resume for the cutover's freeze (a write would fail on a read-only source anyway). */
    public HeartbeatWriter heartbeat() {
        return heartbeat;
    }

    public SourceFence fence() {
        return fence;
    }

    @Override
    public void close() {
        heartbeat.close();
    }
}
