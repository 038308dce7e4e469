package io.tandem.sink.postgres.wayback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.lag.HeartbeatLag;
import io.tandem.engine.lag.HeartbeatWriter;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reverse heartbeat's row on PostgreSQL: written, continued after a lost session and after a restart; fences are
 * written once. The writer's timer, pause and failure handling are tested in the engine; here the session ended
 * by the server (57P01) shows that this table counts SQLSTATE class 57P as a lost connection.
 */
class ReverseHeartbeatTableTest {

    private static final Duration INTERVAL = Duration.ofMillis(20);
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

    private static HeartbeatWriter writer(TargetConnector connector) {
        return new HeartbeatWriter(new ReverseHeartbeatTable(connector), "hb-test", INTERVAL, Clock.systemUTC(),
                new HeartbeatLag(Clock.systemUTC(), INTERVAL), () -> { });
    }

    @Test
    void writesAndContinuesItsSequenceAfterALostSessionAndARestart() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        TargetConnector counting = () -> {
            opened.incrementAndGet();
            return db.connect();
        };
        try (HeartbeatWriter writer = writer(counting)) {
            writer.start();
            WayBackDb.await("three heartbeats", WAIT, () -> seq() >= 3);
            // The writer's session, found by the name it gives itself, ended as a server shutdown ends it (57P01).
            assertNotNull(db.value("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND application_name = 'tandem-reverse-heartbeat'"));
            long beforeLoss = seq();
            WayBackDb.await("writes on a new session", WAIT, () -> opened.get() >= 2 && seq() > beforeLoss);
            assertEquals(1, writer.failures(), "57P01 dropped the connection at once, not after another failure");
        }
        long beforeRestart = seq();
        try (HeartbeatWriter writer = writer(db.connector())) {
            writer.start();
            WayBackDb.await("the sequence to continue past " + beforeRestart, WAIT, () -> seq() > beforeRestart);
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
}
