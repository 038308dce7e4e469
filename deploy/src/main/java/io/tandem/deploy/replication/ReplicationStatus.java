package io.tandem.deploy.replication;

import io.tandem.engine.control.PipelineControl;
import io.tandem.engine.lag.LagReading;
import io.tandem.engine.pipeline.PipelineState;
import io.tandem.engine.pipeline.Replication;
import io.tandem.engine.pipeline.ReplicationRuns;
import io.tandem.engine.status.PipelineStatus;
import io.tandem.engine.status.SnapshotProgressTracker;
import java.util.function.Supplier;

/**
 * What the control endpoint and the terminal show, assembled from the parts that own each fact. The commands
 * (pause, resume) go to the current run's {@link Replication}, which owns the lifecycle.
 */
public final class ReplicationStatus implements Supplier<PipelineStatus> {

    private final ReplicationRuns runs;
    private final ReplicationMetrics metrics;
    private final SnapshotProgressTracker progress;

    ReplicationStatus(ReplicationRuns runs, ReplicationMetrics metrics, SnapshotProgressTracker progress) {
        this.runs = runs;
        this.metrics = metrics;
        this.progress = progress;
    }

    @Override
    public PipelineStatus get() {
        Replication replication = runs.current();
        String applied = replication.appliedPosition().map(position -> position.description()).orElse(null);
        LagReading lag = metrics.tandemMetrics().lag();
        return new PipelineStatus(replication.state().name(), replication.lifecycle().since(), progress.tables(),
                applied, metrics.tandemMetrics().eventsPerSecond(), lag.lagSeconds(),
                metrics.tandemMetrics().eventsAppliedTotal(),
                metrics.tandemMetrics().deadLetteredTotal(), metrics.tandemMetrics().ddlSkippedTotal(),
                replication.lastError(), metrics.valuePolicies().counts(), lag.p50Seconds(), lag.p99Seconds(),
                lag.seqGap(), lag.series(), metrics.tandemMetrics().applyBacklogSeconds());
    }

    /** One line for the terminal and the log. */
    public String summary() {
        PipelineState state = runs.state();
        if (state == PipelineState.SNAPSHOT || state == PipelineState.CHECKING) {
            return progress.summary();
        }
        PipelineStatus status = get();
        return String.format("%s: %,.0f events/s, %,d applied, lag %s, position %s", state,
                status.eventsPerSecond(), status.eventsApplied(), LagText.of(status),
                status.appliedPosition() == null ? "-" : status.appliedPosition());
    }

    /** The pause and resume commands of the control endpoint. */
    public PipelineControl control() {
        return runs;
    }
}
