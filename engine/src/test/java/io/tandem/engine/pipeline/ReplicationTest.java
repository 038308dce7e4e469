package io.tandem.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.control.ConflictException;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.sink.ChangeSink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The generic runner: failure fan-in ends in FAILED with the reason, never a hang; conflicts are conflicts. */
class ReplicationTest {

    private static final BatchLimits LIMITS = new BatchLimits(100, 1 << 20, Duration.ofMillis(5), 1 << 20);
    private static final RetryPolicy NO_RETRY = new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1));

    /** A sink that throws what it is given. */
    private record ThrowingSink(Throwable thrown) implements ChangeSink {
        @Override
        public void apply(List<ChangeEvent> events, SourcePosition position) {
            if (thrown instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) thrown;
        }

        @Override
        public void close() {
        }
    }

    private static Replication streaming(ChangeSink sink, List<String> closed) throws Exception {
        Replication replication = new Replication("forward", Clock.systemUTC());
        replication.moveTo(PipelineState.STARTING, PipelineState.CHECKING);
        replication.moveTo(PipelineState.CHECKING, PipelineState.STREAMING);
        StreamingPipeline pipeline = new StreamingPipeline(sink, LIMITS, NO_RETRY, (e, p, n) -> { });
        pipeline.start();
        replication.streaming(new ChangeSource() {
            @Override
            public void start() {
            }

            @Override
            public CompletableFuture<Void> stopped() {
                return new CompletableFuture<>();
            }

            @Override
            public void close() {
                closed.add("source");
            }
        }, pipeline);
        replication.closeLast(() -> closed.add("target"));
        pipeline.accept(List.of(new TransactionEnd("t", new SourcePosition(Map.of(), Map.of(), "p"))));
        return replication;
    }

    @Test
    void anErrorOnTheApplyThreadEndsInFailedWithTheReason() throws Exception {
        Replication replication = streaming(new ThrowingSink(new OutOfMemoryError("Java heap space")),
                new ArrayList<>());

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> replication.terminated().get(10, TimeUnit.SECONDS));
        assertInstanceOf(OutOfMemoryError.class, failure.getCause());
        assertEquals(PipelineState.FAILED, replication.state());
        assertEquals("Java heap space", replication.lastError());
    }

    @Test
    void closingStopsTheSourceFirstAndTheTargetLast() throws Exception {
        List<String> closed = new ArrayList<>();
        Replication replication = streaming(new NoopSink(), closed);

        replication.close();

        assertEquals(List.of("source", "target"), closed);
        assertEquals(PipelineState.STOPPED, replication.state());
        assertTrue(replication.terminated().isDone() && !replication.terminated().isCompletedExceptionally());
    }

    @Test
    void pausingWhenNotStreamingIsAConflictNamingTheState() {
        Replication replication = new Replication("forward", Clock.systemUTC());
        replication.moveTo(PipelineState.STARTING, PipelineState.CHECKING);
        ConflictException conflict = assertThrows(ConflictException.class, replication::pause);
        assertTrue(conflict.getMessage().contains("CHECKING"), conflict.getMessage());
        assertEquals(409, conflict.status());
    }

    private static final class NoopSink implements ChangeSink {
        @Override
        public void apply(List<ChangeEvent> events, SourcePosition position) {
        }

        @Override
        public void close() {
        }
    }
}
