package io.tandem.engine.lag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tandem.engine.metrics.FakeClock;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The writer's timer, sequence, pause and failure handling over a heartbeat table kept in memory; the tables' SQL is
 * tested on the real databases ({@code SourceHeartbeatTableTest}, {@code ReverseHeartbeatTableTest}).
 */
class HeartbeatWriterTest {

    private static final Instant START = Instant.parse("2026-12-06T21:00:00.123456Z");
    private static final Duration INTERVAL = Duration.ofMillis(10);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String INSTANCE = "hb-test";

    private final MemoryTable table = new MemoryTable();
    private final TickClock ticks = new TickClock();
    private final HeartbeatLag lag = new HeartbeatLag(ticks, INTERVAL);
    private final AtomicLong counted = new AtomicLong();

    private HeartbeatWriter writer() {
        return new HeartbeatWriter(table, INSTANCE, INTERVAL, new FakeClock(START), lag, counted::incrementAndGet);
    }

    @Test
    void writesAnIncreasingSequenceContinuedFromTheStoredRow() {
        table.seqs.put(INSTANCE, 41L); // written by an earlier run
        HeartbeatWriter writer = writer();
        try (writer) {
            assertEquals(-1, writer.writtenSeq());
            writer.start();
            await("three heartbeats past the stored one", () -> table.seq() >= 44);
        }
        assertEquals(table.seq(), writer.writtenSeq());
        assertEquals(HeartbeatWriter.micros(START), table.writtenAt.get(INSTANCE));
        assertEquals(1_796_590_800_123_456L, HeartbeatWriter.micros(START));
        assertTrue(table.seqGoingBack.isEmpty(), "went back to " + table.seqGoingBack);
        assertEquals(0, counted.get());
    }

    @Test
    void pauseWaitsForTheWriteInFlightThenNoneUntilResumed() throws Exception {
        lag.applied(0, 0); // so that every tick's sample reads the clock, which counts the ticks
        try (HeartbeatWriter writer = writer()) {
            CountDownLatch release = table.blockNextUpsert();
            writer.start();
            await("a write in flight", () -> table.blocked.get() > 0);
            CompletableFuture<Void> pausing = CompletableFuture.runAsync(writer::pause);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            assertFalse(pausing.isDone(), "pause returned while a write was in flight");
            release.countDown();
            pausing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(writer.paused());

            long paused = table.seq();
            assertEquals(paused, writer.writtenSeq());
            long ticksAtPause = ticks.reads.get();
            await("five more ticks", () -> ticks.reads.get() >= ticksAtPause + 5);
            assertEquals(paused, table.seq(), "no write while paused");

            writer.resume();
            await("writes again", () -> table.seq() > paused);
        }
        assertEquals(0, counted.get());
    }

    @Test
    void failuresAreCountedARefusalKeepsTheConnectionALostOneIsReopened() {
        HeartbeatWriter writer = writer();
        try (writer) {
            writer.start();
            await("a first heartbeat", () -> table.seq() >= 1);
            for (int i = 0; i < 3; i++) {
                table.failures.add(new SQLException("read-only transaction", "25006"));
            }
            await("three refused writes", () -> writer.failures() == 3 && table.failures.isEmpty());
            assertEquals(1, table.opened.get(), "a refusal keeps its connection");

            long beforeLoss = table.seq();
            table.failures.add(new SQLException("connection lost", "08006"));
            await("a write on a new connection", () -> table.opened.get() == 2 && table.seq() > beforeLoss);
            long beforeBug = table.seq();
            table.failures.add(new IllegalStateException("not an SQLException"));
            await("another new connection", () -> table.opened.get() == 3 && table.seq() > beforeBug);
        }
        assertEquals(5, writer.failures());
        assertEquals(5, counted.get());
        assertEquals(table.seq(), writer.writtenSeq(), "the timer went on after the failures");
        assertTrue(table.seqGoingBack.isEmpty(), "went back to " + table.seqGoingBack);
    }

    private static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        fail("timed out waiting for " + what);
    }

    /**
     * A heartbeat table in memory, on connections that run nothing (the table stands for the SQL). Failures queued
     * by a test are thrown by the next upserts; every connection after the first reads the stored sequence again.
     */
    private static final class MemoryTable implements HeartbeatTable {
        final Map<String, Long> seqs = new ConcurrentHashMap<>();
        final Map<String, Long> writtenAt = new ConcurrentHashMap<>();
        final Queue<Exception> failures = new ConcurrentLinkedQueue<>();
        final Queue<Long> seqGoingBack = new ConcurrentLinkedQueue<>();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger blocked = new AtomicInteger();
        private volatile CountDownLatch block;

        long seq() {
            return seqs.getOrDefault(INSTANCE, -1L);
        }

        /** The next upsert waits until the returned latch is released. */
        CountDownLatch blockNextUpsert() {
            block = new CountDownLatch(1);
            return block;
        }

        @Override
        public String name() {
            return "test heartbeat";
        }

        @Override
        public String table() {
            return "memory";
        }

        @Override
        public Connection open() {
            opened.incrementAndGet();
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "setNetworkTimeout", "close" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        @Override
        public long storedSeq(Connection connection, String instance) {
            return seqs.getOrDefault(instance, 0L);
        }

        @Override
        public void upsert(Connection connection, String instance, long seq, long writtenAtMicros)
                throws SQLException {
            CountDownLatch waitFor = block;
            if (waitFor != null) {
                block = null;
                blocked.incrementAndGet();
                try {
                    waitFor.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            Exception failure = failures.poll();
            if (failure instanceof SQLException sql) {
                throw sql;
            } else if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            Long previous = seqs.put(instance, seq);
            if (previous != null && seq <= previous) {
                seqGoingBack.add(seq);
            }
            writtenAt.put(instance, writtenAtMicros);
        }
    }

    /** The system clock, counting how often the lag reads it: once per writer tick. */
    private static final class TickClock extends Clock {
        final AtomicLong reads = new AtomicLong();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            reads.incrementAndGet();
            return Instant.now();
        }
    }
}
