package io.tandem.deploy.replication;

import io.tandem.engine.control.PipelineControl;
import io.tandem.engine.lag.LagReading;
import io.tandem.engine.pipeline.PipelineLifecycle;
import io.tandem.engine.pipeline.PipelineState;
import io.tandem.engine.pipeline.StreamingPipeline;
import io.tandem.engine.status.PipelineStatus;
import io.tandem.engine.status.SnapshotProgressTracker;
import java.util.function.Supplier;

/**
 * What the control endpoint and the terminal show, assembled from the parts that own each fact; and pause/resume,
 * which hold the apply loop (the source is then held back by the bounded queue, so nothing is lost).
 */
public final class ReplicationStatus implements Supplier<PipelineStatus>, PipelineControl {

    private final PipelineLifecycle lifecycle;
    private final ReplicationMetrics metrics;
    private final SnapshotProgressTracker progress;
    private final Supplier<StreamingPipeline> pipeline;
    private final Supplier<String> lastError;

    ReplicationStatus(PipelineLifecycle lifecycle, ReplicationMetrics metrics, SnapshotProgressTracker progress,
                      Supplier<StreamingPipeline> pipeline, Supplier<String> lastError) {
        this.lifecycle = lifecycle;
        this.metrics = metrics;
        this.progress = progress;
        this.pipeline = pipeline;
        this.lastError = lastError;
    }

    @Override
    public PipelineStatus get() {
        StreamingPipeline streaming = pipeline.get();
        String applied = streaming == null || streaming.appliedPosition() == null
                ? null : streaming.appliedPosition().description();
        LagReading lag = metrics.tandemMetrics().lag();
        return new PipelineStatus(lifecycle.state().name(), lifecycle.since(), progress.tables(), applied,
                metrics.tandemMetrics().eventsPerSecond(), lag.lagSeconds(),
                metrics.tandemMetrics().eventsAppliedTotal(),
                metrics.tandemMetrics().deadLetteredTotal(), metrics.tandemMetrics().ddlSkippedTotal(), lastError.get(),
                metrics.valuePolicies().counts(), lag.p50Seconds(), lag.p99Seconds(), lag.seqGap(), lag.series(),
                metrics.tandemMetrics().applyBacklogSeconds());
    }

    /** One line for the terminal and the log. */
    public String summary() {
        PipelineState state = lifecycle.state();
        if (state == PipelineState.SNAPSHOT || state == PipelineState.CHECKING) {
            return progress.summary();
        }
        PipelineStatus status = get();
        return String.format("%s: %,.0f events/s, %,d applied, lag %s, position %s", state,
                status.eventsPerSecond(), status.eventsApplied(), LagText.of(status),
                status.appliedPosition() == null ? "-" : status.appliedPosition());
    }

    @Override
    public void pause() {
        StreamingPipeline streaming = requireStreaming();
        if (!lifecycle.tryTransition(PipelineState.STREAMING, PipelineState.PAUSED)) {
            throw new IllegalStateException("cannot pause: the pipeline is " + lifecycle.state());
        }
        streaming.pause();
        metrics.phase(PipelineState.PAUSED);
    }

    @Override
    public void resume() {
        StreamingPipeline streaming = requireStreaming();
        if (!lifecycle.tryTransition(PipelineState.PAUSED, PipelineState.STREAMING)) {
            throw new IllegalStateException("cannot resume: the pipeline is " + lifecycle.state());
        }
        streaming.resume();
        metrics.phase(PipelineState.STREAMING);
    }

    private StreamingPipeline requireStreaming() {
        StreamingPipeline streaming = pipeline.get();
        if (streaming == null) {
            throw new IllegalStateException("pause and resume apply to streaming; the pipeline is " + lifecycle.state());
        }
        return streaming;
    }
}
