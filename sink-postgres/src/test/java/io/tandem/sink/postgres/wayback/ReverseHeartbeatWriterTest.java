package io.tandem.sink.postgres.wayback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.lag.HeartbeatLag;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reverse heartbeat advances its row, stops while paused, continues its sequence; fences are written once. */
class ReverseHeartbeatWriterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private WayBackDb db;

    @BeforeEach
    void open() throws Exception {
        db = WayBackDb.open("wayback_heartbeat");
        try (Connection connection = db.connect()) {
            ReverseControlTables.create(connection);
        }
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void writesPausesAndResumes() throws Exception {
        TickClock ticks = new TickClock();
        HeartbeatLag lag = new HeartbeatLag(ticks, Duration.ofMillis(20));
        lag.applied(0, 0); // so that every tick's sample reads the clock, which counts the ticks
        AtomicLong failures = new AtomicLong();
        try (ReverseHeartbeatWriter writer = new ReverseHeartbeatWriter(db.connector(), "hb-test",
                Duration.ofMillis(20), Clock.systemUTC(), lag, failures::incrementAndGet)) {
            writer.start();
            WayBackDb.await("three heartbeats", WAIT, () -> seq() >= 3);

            writer.pause();
            long paused = seq();
            assertEquals(writer.writtenSeq(), paused);
            long ticksAtPause = ticks.reads.get();
            WayBackDb.await("five more ticks", WAIT, () -> ticks.reads.get() >= ticksAtPause + 5);
            assertEquals(paused, seq(), "no write while paused");

            writer.resume();
            WayBackDb.await("writes again", WAIT, () -> seq() > paused);
            assertEquals(0, failures.get());
        }
        long micros = Long.parseLong(db.value("SELECT written_at FROM tandem.reverse_heartbeat"));
        assertTrue(Math.abs(micros / 1000 - System.currentTimeMillis()) < 60_000, "µs since the epoch: " + micros);
    }

    @Test
    void aFenceTokenIsWrittenOnce() throws Exception {
        try (Connection connection = db.connect()) {
            Instant at = Instant.parse("2026-12-06T10:00:00.123456Z");
            assertTrue(ReverseControlTables.writeFence(connection, "F-1", at));
            assertFalse(ReverseControlTables.writeFence(connection, "F-1", at.plusSeconds(5)));
        }
        assertEquals("1796551200123456", db.value("SELECT written_at FROM tandem.reverse_fence WHERE token = 'F-1'"));
    }

    private long seq() {
        try {
            String seq = db.value("SELECT seq FROM tandem.reverse_heartbeat WHERE instance = 'hb-test'");
            return seq == null ? -1 : Long.parseLong(seq);
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
