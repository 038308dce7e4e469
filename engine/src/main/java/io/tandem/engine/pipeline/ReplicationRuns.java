package io.tandem.engine.pipeline;

import io.tandem.engine.control.PipelineControl;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.StreamPoint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A direction that runs more than once: forward replication stops at a cutover and starts again after a failback,
 * from MySQL's position then. Each run is its own {@link Replication}, since a lifecycle ends for good; this is the
 * handle of those that outlive a run (the switch coordinator, the status, the control endpoint), and it always
 * speaks for the current run.
 */
public final class ReplicationRuns implements ReplicationHandle, PipelineControl {

    private final String direction;
    private final Clock clock;
    private final List<Consumer<Replication>> setups = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> anyFailure = new CompletableFuture<>();
    private volatile Replication current;

    public ReplicationRuns(String direction, Clock clock) {
        this.direction = direction;
        this.clock = clock;
        this.current = new Replication(direction, clock);
        watch(current);
    }

    /** The run now, or the one that ended last. */
    public Replication current() {
        return current;
    }

    /** A run not started yet: the current one if it is still new, else a fresh one once the current one ended. */
    public synchronized Replication startable() {
        Replication run = current;
        if (run.state() == PipelineState.STARTING) {
            return run;
        }
        if (!run.state().isTerminal()) {
            throw new IllegalStateException("the " + direction + " replication is " + run.state()
                    + "; it must stop before it starts again");
        }
        Replication next = new Replication(direction, clock);
        watch(next);
        setups.forEach(setup -> setup.accept(next));
        current = next;
        return next;
    }

    /** Runs {@code setup} on the current run and on every later one (listeners, metrics). */
    public void onEachRun(Consumer<Replication> setup) {
        setups.add(setup);
        setup.accept(current);
    }

    /** Completes exceptionally with the first failure of any run; never completes normally. */
    public CompletableFuture<Void> anyFailure() {
        return anyFailure;
    }

    private void watch(Replication run) {
        run.terminated().whenComplete((ignored, error) -> {
            if (error != null) {
                anyFailure.completeExceptionally(error);
            }
        });
    }

    @Override
    public PipelineState state() {
        return current.state();
    }

    @Override
    public Optional<SourcePosition> appliedPosition() {
        return current.appliedPosition();
    }

    @Override
    public boolean awaitApplied(StreamPoint point, Duration timeout) throws InterruptedException {
        return current.awaitApplied(point, timeout);
    }

    @Override
    public void pause() {
        current.pause();
    }

    @Override
    public void resume() {
        current.resume();
    }

    @Override
    public void stop() {
        current.stop();
    }

    /** The current run's: completes exceptionally when it fails, normally once it was stopped. */
    @Override
    public CompletableFuture<Void> terminated() {
        return current.terminated();
    }
}
