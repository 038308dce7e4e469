package io.tandem.cutover;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.StreamPoint;
import io.tandem.engine.pipeline.PipelineState;
import io.tandem.engine.pipeline.ReplicationHandle;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A forward replication that is only a state, moved by pause, resume and stop, each told to {@code calls}. */
public final class FakeReplication implements ReplicationHandle {

    private final Consumer<String> calls;
    private volatile PipelineState state;

    public FakeReplication(PipelineState state, Consumer<String> calls) {
        this.state = state;
        this.calls = calls;
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
        calls.accept("forward pause");
        state = PipelineState.PAUSED;
    }

    @Override
    public void resume() {
        calls.accept("forward resume");
        state = PipelineState.STREAMING;
    }

    @Override
    public void stop() {
        calls.accept("forward stop");
        state = PipelineState.STOPPED;
    }

    @Override
    public CompletableFuture<Void> terminated() {
        return new CompletableFuture<>();
    }
}
