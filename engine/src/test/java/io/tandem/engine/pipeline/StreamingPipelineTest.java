package io.tandem.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.StreamPoint;
import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.ChangeSink;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Pipeline logic against an in-memory sink: batching, transaction boundaries, retries, failure, back-pressure. */
class StreamingPipelineTest {

    private static final TargetTable TABLE = new TargetTable(new TableId("db", "t"), "db", "t",
            List.of(new TargetColumn("id", "id", "integer", ValueKind.INTEGER, false, null, false, true)),
            List.of("id"), List.of(), List.of());
    private static final RetryPolicy FAST_RETRY = new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(5));

    /** Records every committed batch; can be told to fail or to block. */
    private static final class RecordingSink implements ChangeSink {
        final List<List<ChangeEvent>> batches = new ArrayList<>();
        final AtomicInteger transientFailuresLeft = new AtomicInteger();
        volatile boolean fatal;
        volatile Error error;
        volatile CountDownLatch gate = new CountDownLatch(0);
        final CountDownLatch entered = new CountDownLatch(1);

        @Override
        public synchronized void apply(List<ChangeEvent> events, SourcePosition position) {
            entered.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (fatal) {
                throw new SinkException("value rejected", false, null);
            }
            if (error != null) {
                throw error;
            }
            if (transientFailuresLeft.getAndDecrement() > 0) {
                throw new SinkException("connection lost", true, null);
            }
            assertEquals(events.get(events.size() - 1).position(), position);
            batches.add(List.copyOf(events));
        }

        synchronized int committedEvents() {
            return batches.stream().mapToInt(List::size).sum();
        }

        @Override
        public void close() {
        }
    }

    private static int sequence;

    private static SourcePosition position() {
        int n = ++sequence;
        return new SourcePosition(Map.of("server", "s"), Map.of("pos", n), "pos " + n);
    }

    private static List<ChangeEvent> transaction(int rows) {
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            events.add(new RowChange(RowChange.Op.INSERT, TABLE, null, new String[] {"" + i}, position()));
        }
        events.add(new TransactionEnd("tx" + sequence, position()));
        return events;
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached within 10 s");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Test
    void batchesEndOnlyAtTransactionBoundaries() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.gate = new CountDownLatch(1);
        StreamingPipeline pipeline = new StreamingPipeline(sink,
                new BatchLimits(1000, 1 << 20, Duration.ofSeconds(5), 1 << 24), FAST_RETRY, (e, p, n) -> { });
        pipeline.start();
        for (int i = 0; i < 20; i++) {
            pipeline.accept(transaction(7));
        }
        sink.gate.countDown();
        awaitCondition(() -> sink.committedEvents() == 20 * 8);
        pipeline.close();
        for (List<ChangeEvent> batch : sink.batches) {
            assertInstanceOf(TransactionEnd.class, batch.get(batch.size() - 1));
        }
        assertTrue(pipeline.isCaughtUp());
    }

    @Test
    void aTransactionLargerThanTheBatchIsCommittedInParts() throws Exception {
        RecordingSink sink = new RecordingSink();
        StreamingPipeline pipeline = new StreamingPipeline(sink,
                new BatchLimits(100, 1 << 20, Duration.ofSeconds(5), 1 << 24), FAST_RETRY, (e, p, n) -> { });
        pipeline.start();
        pipeline.accept(transaction(1000));
        awaitCondition(() -> sink.committedEvents() == 1001);
        pipeline.close();
        assertTrue(sink.batches.size() >= 10, "expected the transaction in parts, got " + sink.batches.size());
        assertTrue(sink.batches.stream().allMatch(batch -> batch.size() <= 100));
    }

    @Test
    void transientFailuresAreRetriedAndNothingIsLost() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.transientFailuresLeft.set(3);
        AtomicInteger retries = new AtomicInteger();
        StreamingPipeline pipeline = new StreamingPipeline(sink,
                new BatchLimits(1000, 1 << 20, Duration.ofMillis(50), 1 << 24), FAST_RETRY, new ApplyListener() {
                    @Override
                    public void applied(List<ChangeEvent> events, SourcePosition position, long nanos) {
                    }

                    @Override
                    public void retrying(int attempt, Throwable cause) {
                        retries.incrementAndGet();
                    }
                });
        pipeline.start();
        pipeline.accept(transaction(5));
        awaitCondition(() -> sink.committedEvents() == 6);
        pipeline.close();
        assertEquals(3, retries.get());
    }

    @Test
    void aFatalErrorStopsThePipelineAndTheSource() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.fatal = true;
        StreamingPipeline pipeline = new StreamingPipeline(sink,
                new BatchLimits(1000, 1 << 20, Duration.ofMillis(50), 1 << 24), FAST_RETRY, (e, p, n) -> { });
        pipeline.start();
        pipeline.accept(transaction(1));
        CompletionException failure = assertThrows(CompletionException.class, () -> pipeline.stopped().join());
        assertInstanceOf(SinkException.class, failure.getCause());
        assertThrows(IllegalStateException.class, () -> pipeline.accept(transaction(1)));
        assertEquals(0, sink.committedEvents());
    }

    @Test
    void anErrorOnTheApplyThreadEndsThePipelineAndReleasesTheBlockedSource() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.gate = new CountDownLatch(1);
        sink.error = new StackOverflowError("simulated");
        long queueBytes = transaction(10).stream().mapToLong(ChangeEvent::estimatedBytes).sum() * 2;
        StreamingPipeline pipeline = new StreamingPipeline(sink,
                new BatchLimits(1000, 1 << 20, Duration.ofMillis(10), queueBytes), FAST_RETRY, (e, p, n) -> { });
        pipeline.start();
        CompletableFuture<Throwable> sourceEnd = new CompletableFuture<>();
        Thread source = new Thread(() -> {
            try {
                for (int i = 0; i < 50; i++) {
                    pipeline.accept(transaction(10));
                }
                sourceEnd.complete(null);
            } catch (Throwable e) {
                sourceEnd.complete(e);
            }
        });
        source.start();
        awaitCondition(() -> source.getState() == Thread.State.WAITING);
        sink.gate.countDown();

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> pipeline.stopped().get(10, TimeUnit.SECONDS));
        assertInstanceOf(StackOverflowError.class, failure.getCause());
        Throwable sourceFailure = sourceEnd.get(10, TimeUnit.SECONDS);
        assertInstanceOf(IllegalStateException.class, sourceFailure, "the blocked source must be released");
        assertInstanceOf(StackOverflowError.class, sourceFailure.getCause());
    }

    @Test
    void awaitAppliedReturnsOnceABatchReachesThePoint() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.gate = new CountDownLatch(1);
        StreamingPipeline pipeline = new StreamingPipeline(sink,
                new BatchLimits(1000, 1 << 20, Duration.ofMillis(10), 1 << 24), FAST_RETRY, (e, p, n) -> { });
        pipeline.start();
        pipeline.accept(List.of(new TransactionEnd("t1", pointed(10)), new TransactionEnd("t2", pointed(20))));

        assertFalse(pipeline.awaitApplied(StreamPoint.of("log", 20), Duration.ofMillis(50)), "nothing committed yet");
        sink.gate.countDown();
        assertTrue(pipeline.awaitApplied(StreamPoint.of("log", 15), Duration.ofSeconds(10)));
        assertTrue(pipeline.awaitApplied(StreamPoint.of("log", 20), Duration.ofSeconds(10)));
        assertFalse(pipeline.awaitApplied(StreamPoint.of("log", 21), Duration.ofMillis(50)));
        pipeline.close();
        assertFalse(pipeline.awaitApplied(StreamPoint.of("log", 21), Duration.ofSeconds(10)),
                "a stopped pipeline answers at once");
    }

    private static SourcePosition pointed(long at) {
        return new SourcePosition(Map.of("server", "s"), Map.of("pos", at), "pos " + at, StreamPoint.of("log", at),
                null);
    }

    @Test
    void aFullQueueBlocksTheSource() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.gate = new CountDownLatch(1);
        long queueBytes = transaction(10).stream().mapToLong(ChangeEvent::estimatedBytes).sum() * 2;
        StreamingPipeline pipeline = new StreamingPipeline(sink,
                new BatchLimits(1000, 1 << 20, Duration.ofMillis(10), queueBytes), FAST_RETRY, (e, p, n) -> { });
        pipeline.start();
        AtomicInteger handedOver = new AtomicInteger();
        Thread source = new Thread(() -> {
            try {
                for (int i = 0; i < 50; i++) {
                    pipeline.accept(transaction(10));
                    handedOver.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        source.start();
        awaitCondition(() -> source.getState() == Thread.State.WAITING && handedOver.get() < 50);
        sink.gate.countDown();
        source.join(10_000);
        awaitCondition(() -> sink.committedEvents() == 50 * 11);
        pipeline.close();
        assertEquals(50, handedOver.get());
    }

    @Test
    void pausedPipelineCommitsNothingUntilResumed() throws Exception {
        RecordingSink sink = new RecordingSink();
        StreamingPipeline pipeline = new StreamingPipeline(sink,
                new BatchLimits(1000, 1 << 20, Duration.ofMillis(10), 1 << 24), FAST_RETRY, (e, p, n) -> { });
        assertTrue(pipeline.pause(Duration.ofSeconds(1)), "nothing in flight before the start");
        pipeline.start();
        pipeline.accept(transaction(3));
        awaitCondition(() -> pipeline.backlogSeconds() > 0.05);
        assertEquals(0, sink.committedEvents());
        pipeline.resume();
        awaitCondition(() -> sink.committedEvents() == 4);
        pipeline.close();
    }

    @Test
    void aPauseWaitsForTheBatchInFlightThenNothingCommitsUntilResumed() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.gate = new CountDownLatch(1);
        StreamingPipeline pipeline = new StreamingPipeline(sink,
                new BatchLimits(1000, 1 << 20, Duration.ofMillis(10), 1 << 24), FAST_RETRY, (e, p, n) -> { });
        pipeline.start();
        pipeline.accept(transaction(3));
        assertTrue(sink.entered.await(10, TimeUnit.SECONDS));

        assertFalse(pipeline.pause(Duration.ofMillis(50)), "the batch in flight is still committing");
        sink.gate.countDown();
        assertTrue(pipeline.pause(Duration.ofSeconds(10)));
        assertEquals(4, sink.committedEvents());
        pipeline.accept(transaction(2));
        awaitCondition(() -> pipeline.backlogSeconds() > 0.05);
        assertEquals(4, sink.committedEvents(), "nothing commits while paused");
        pipeline.resume();
        awaitCondition(() -> sink.committedEvents() == 7);
        pipeline.close();
    }
}
