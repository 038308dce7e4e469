package io.tandem.engine.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Holds the pipeline's current state; every move is checked against {@link PipelineState}'s table and logged. */
public final class PipelineLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineLifecycle.class);

    private record Current(PipelineState state, Instant since) {
    }

    private final Clock clock;
    private final AtomicReference<Current> current;
    private final List<Consumer<PipelineState>> listeners = new CopyOnWriteArrayList<>();

    public PipelineLifecycle(Clock clock) {
        this.clock = clock;
        this.current = new AtomicReference<>(new Current(PipelineState.STARTING, clock.instant()));
    }

    /** Told of every state entered from now on, on the thread that moved it (so keep it quick). */
    public void onEnter(Consumer<PipelineState> listener) {
        listeners.add(listener);
    }

    public PipelineState state() {
        return current.get().state();
    }

    public Instant since() {
        return current.get().since();
    }

    /** Moves from {@code expected} to {@code next}; throws if the pipeline is elsewhere or the move is not allowed. */
    public void transition(PipelineState expected, PipelineState next) {
        if (!tryTransition(expected, next)) {
            throw new IllegalStateException("pipeline cannot move " + expected + " -> " + next + "; it is " + state());
        }
    }

    /** Like {@link #transition} but reports a lost race instead of throwing. */
    public boolean tryTransition(PipelineState expected, PipelineState next) {
        if (!expected.canMoveTo(next)) {
            throw new IllegalStateException("transition " + expected + " -> " + next + " is not allowed");
        }
        Current before = current.get();
        if (before.state() != expected || !current.compareAndSet(before, new Current(next, clock.instant()))) {
            return false;
        }
        LOG.info("pipeline {} -> {}", expected, next);
        listeners.forEach(listener -> listener.accept(next));
        return true;
    }

    /** Moves from {@code expected} to {@code next} if the pipeline is at {@code expected}; false otherwise. */
    public boolean tryTransitionIfAt(PipelineState expected, PipelineState next) {
        return state() == expected && tryTransition(expected, next);
    }

    /** Moves to FAILED from wherever the pipeline is, unless it already ended. */
    public void fail(Throwable cause) {
        while (true) {
            Current before = current.get();
            if (before.state().isTerminal()) {
                return;
            }
            if (current.compareAndSet(before, new Current(PipelineState.FAILED, clock.instant()))) {
                LOG.error("pipeline {} -> FAILED: {}", before.state(), cause.toString());
                listeners.forEach(listener -> listener.accept(PipelineState.FAILED));
                return;
            }
        }
    }
}
