package io.tandem.cutover;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.StreamPoint;
import io.tandem.engine.pipeline.PipelineState;
import io.tandem.engine.pipeline.ReplicationHandle;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A replication that is only a state, moved by pause, resume and stop, each told to {@code calls} as
 * {@code "<name> pause"} and so on.
 */
public final class FakeReplication implements ReplicationHandle {

    private final String name;
    private final Consumer<String> calls;
    private volatile PipelineState state;

    public FakeReplication(String name, PipelineState state, Consumer<String> calls) {
        this.name = name;
        this.state = state;
        this.calls = calls;
    }

    /** The forward direction's. */
    public FakeReplication(PipelineState state, Consumer<String> calls) {
        this("forward", state, calls);
    }

    public FakeReplication(PipelineState state) {
        this(state, call -> { });
    }

    @Override
    public PipelineState state() {
        return state;
    }

    @Override
    public Optional<SourcePosition> appliedPosition() {
        return Optional.empty();
    }

    @Override
    public boolean awaitApplied(StreamPoint point, Duration timeout) {
        return true;
    }

    @Override
    public void pause() {
        calls.accept(name + " pause");
        state = PipelineState.PAUSED;
    }

    @Override
    public void resume() {
        calls.accept(name + " resume");
        state = PipelineState.STREAMING;
    }

    @Override
    public void stop() {
        calls.accept(name + " stop");
        state = PipelineState.STOPPED;
    }

    @Override
    public CompletableFuture<Void> terminated() {
        return new CompletableFuture<>();
    }
}
