package io.tandem.engine.pipeline;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.StreamPoint;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What a coordinator (the cutover, later the failback) may ask of one running replication direction, without
 * knowing how that direction is assembled. Every method is safe to call from any thread.
 */
public interface ReplicationHandle {

    PipelineState state();

    /** The source position of the last batch committed on the target, if any was this run. */
    Optional<SourcePosition> appliedPosition();

    /**
     * Waits until the target has committed a batch at or past {@code point}; false when {@code timeout} passed first
     * or the direction stopped. The point must come from the same log (see {@link StreamPoint}).
     */
    boolean awaitApplied(StreamPoint point, Duration timeout) throws InterruptedException;

    /** Holds the apply loop after the batch in flight; throws a conflict unless streaming. */
    void pause();

    /** Lets a paused apply loop go on; throws a conflict unless paused. */
    void resume();

    /**
     * Stops this direction for good: the source first so nothing new arrives, then the apply loop commits the
     * complete transactions it holds. Returns once stopped.
     */
    void stop();

    /** Completes exceptionally when this direction fails, normally once it was stopped. */
    CompletableFuture<Void> terminated();
}
