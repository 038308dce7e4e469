package io.tandem.deploy.replication;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.SkippedSchemaChange;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.lag.HeartbeatLag;
import io.tandem.engine.metrics.MetricRegistry;
import io.tandem.engine.metrics.TandemMetrics;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.pipeline.ApplyListener;
import io.tandem.engine.pipeline.PipelineState;
import io.tandem.engine.values.ValuePolicyCounts;
import io.tandem.sink.postgres.state.ControlRowTables;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what the pipeline reports (committed batches, retries, dead letters, heartbeats) into tandem's metrics and
 * its heartbeat lag.
 */
public final class ReplicationMetrics implements ApplyListener {

    private final TandemMetrics metrics;
    private final ValuePolicyCounts valuePolicies;
    private final HeartbeatLag lag;

    ReplicationMetrics(Clock clock, Duration heartbeatInterval) {
        this.metrics = new TandemMetrics(clock);
        this.valuePolicies = new ValuePolicyCounts(metrics);
        this.lag = new HeartbeatLag(clock, heartbeatInterval);
        metrics.measureLagWith(lag);
    }

    @Override
    public void applied(java.util.List<ChangeEvent> events, SourcePosition position, long applyNanos) {
        // Count per table and operation first: one label lookup per group instead of one per event.
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (ChangeEvent event : events) {
            if (event instanceof RowChange row) {
                counts.computeIfAbsent(row.table().source().toString(), t -> new HashMap<>())
                        .merge(row.op().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
            } else if (event instanceof TruncateTable truncate) {
                counts.computeIfAbsent(truncate.table().source().toString(), t -> new HashMap<>()).merge("truncate", 1L, Long::sum);
            } else if (event instanceof SkippedSchemaChange skipped) {
                // Counted here, after the commit that recorded it in tandem.skipped_ddl.
                metrics.ddlSkipped(skipped.table().toString());
            } else if (event instanceof Heartbeat heartbeat) {
                // Committed now, with everything the source wrote before it: this is what the lag measures.
                lag.applied(heartbeat.seq(), heartbeat.writtenAtMicros());
            } else if (event instanceof FenceToken) {
                // Awaited on the target (TargetFence); nothing to count.
            } else {
                // Value policies count themselves (ValuePolicyCounts); DDL and transaction ends change no count.
            }
        }
        counts.forEach((table, byOp) -> byOp.forEach((op, n) -> metrics.eventsApplied(table, op, n)));
        metrics.batchCommitted();
    }

    @Override
    public void retrying(int attempt, Throwable cause) {
        metrics.retried("sink");
    }

    void deadLettered(TableId table, long rows) {
        metrics.rowsDeadLettered(table.toString(), rows);
    }

    void phase(PipelineState state) {
        metrics.phase(state.name());
    }

    /** Rows value policies changed or dead-lettered, for the sink to report to and the status to read. */
    ValuePolicyCounts valuePolicies() {
        return valuePolicies;
    }

    /**
     * Starts the lag from the last heartbeat the target committed before this start, so that after a restart it
     * reads the real distance (downtime included) instead of unknown until the first new heartbeat arrives.
     */
    void resumeLagFrom(Optional<ControlRowTables.AppliedHeartbeat> last) {
        last.ifPresent(heartbeat -> lag.applied(heartbeat.seq(), heartbeat.writtenAtMicros()));
    }

    /** The heartbeat lag the writer and the applied heartbeats feed. */
    public HeartbeatLag lag() {
        return lag;
    }

    public TandemMetrics tandemMetrics() {
        return metrics;
    }

    public MetricRegistry registry() {
        return metrics.registry();
    }
}
