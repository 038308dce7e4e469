package io.tandem.engine.pipeline;

import io.tandem.engine.control.ConflictException;
import io.tandem.engine.control.PipelineControl;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.StreamPoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Running one replication direction, whatever its source and sink: the lifecycle, the fan-in of failures from its
 * threads (the first fatal one wins and is kept as the reason), pause and resume, and the close order. A direction's
 * assembly (forward today: MySQL to PostgreSQL) builds the parts and hands them over as they exist.
 */
public final class Replication implements ReplicationHandle, PipelineControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replication.class);

    /** How long a pause waits for the batch in flight to commit. */
    private static final Duration PAUSE_WAIT = Duration.ofSeconds(10);

    private final String direction;
    private final PipelineLifecycle lifecycle;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    /** Closed in this order: the source first, so nothing new arrives while the rest drains. */
    private final List<AutoCloseable> closeOrder = new ArrayList<>();
    private volatile StreamingPipeline pipeline;
    private volatile String lastError;

    public Replication(String direction, Clock clock) {
        this.direction = direction;
        this.lifecycle = new PipelineLifecycle(clock);
    }

    public PipelineLifecycle lifecycle() {
        return lifecycle;
    }

    /** Moves the lifecycle; the move must be allowed from where it is. */
    public void moveTo(PipelineState expected, PipelineState next) {
        lifecycle.transition(expected, next);
    }

    /**
     * The streaming parts are running: {@code source} feeds {@code pipeline}. A failure of either fails the direction.
     * The source closes before the pipeline.
     */
    public void streaming(ChangeSource source, StreamingPipeline pipeline) {
        this.pipeline = pipeline;
        synchronized (closeOrder) {
            closeOrder.add(0, pipeline);
            closeOrder.add(0, source);
        }
        pipeline.stopped().whenComplete((ignored, error) -> ended("apply loop", error));
        source.stopped().whenComplete((ignored, error) -> ended("source", error));
    }

    /** Something to close after the streaming parts (the target, connection pools), in the order given. */
    public void closeLast(AutoCloseable resource) {
        synchronized (closeOrder) {
            closeOrder.add(resource);
        }
    }

    private void ended(String component, Throwable error) {
        if (error != null && !lifecycle.state().isTerminal()) {
            LOG.error("{} replication: the {} failed", direction, component);
            fail(error);
        }
    }

    /** The direction failed: FAILED with the reason, and {@link #terminated()} completes with it. */
    public void fail(Throwable error) {
        if (lastError == null) {
            lastError = error.getMessage() != null ? error.getMessage() : error.toString();
        }
        lifecycle.fail(error);
        terminated.completeExceptionally(error);
    }

    /** The first fatal error's message, or null. */
    public String lastError() {
        return lastError;
    }

    /** The streaming pipeline, or null before streaming started. */
    public StreamingPipeline pipeline() {
        return pipeline;
    }

    @Override
    public PipelineState state() {
        return lifecycle.state();
    }

    @Override
    public Optional<SourcePosition> appliedPosition() {
        StreamingPipeline streaming = pipeline;
        return streaming == null ? Optional.empty() : Optional.ofNullable(streaming.appliedPosition());
    }

    @Override
    public boolean awaitApplied(StreamPoint point, Duration timeout) throws InterruptedException {
        StreamingPipeline streaming = pipeline;
        return streaming != null && streaming.awaitApplied(point, timeout);
    }

    @Override
    public void pause() {
        StreamingPipeline streaming = requireStreamingPart();
        if (!lifecycle.tryTransition(PipelineState.STREAMING, PipelineState.PAUSED)) {
            throw new ConflictException("cannot pause: the " + direction + " pipeline is " + lifecycle.state());
        }
        try {
            if (!streaming.pause(PAUSE_WAIT)) {
                LOG.warn("{} replication: paused, but the batch in flight was still committing after {} s",
                        direction, PAUSE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void resume() {
        StreamingPipeline streaming = requireStreamingPart();
        if (!lifecycle.tryTransition(PipelineState.PAUSED, PipelineState.STREAMING)) {
            throw new ConflictException("cannot resume: the " + direction + " pipeline is " + lifecycle.state());
        }
        streaming.resume();
    }

    private StreamingPipeline requireStreamingPart() {
        StreamingPipeline streaming = pipeline;
        if (streaming == null) {
            throw new ConflictException("pause and resume apply to streaming; the " + direction + " pipeline is "
                    + lifecycle.state());
        }
        return streaming;
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** Closes the parts in order; a failed direction stays FAILED, any other ends STOPPED. */
    @Override
    public void close() {
        PipelineState state = lifecycle.state();
        if (!state.isTerminal()) {
            lifecycle.tryTransition(state, PipelineState.STOPPING);
        }
        List<AutoCloseable> parts;
        synchronized (closeOrder) {
            parts = List.copyOf(closeOrder);
            closeOrder.clear();
        }
        parts.forEach(Replication::closeQuietly);
        if (lifecycle.tryTransitionIfAt(PipelineState.STOPPING, PipelineState.STOPPED)) {
            terminated.complete(null);
        }
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", part.getClass().getSimpleName(), e.toString(), e);
        }
    }
}
