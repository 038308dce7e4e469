package io.tandem.engine.lag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.metrics.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeartbeatLagTest {

    private static final Instant START = Instant.parse("2026-12-06T21:00:00Z");
    private static final Duration INTERVAL = Duration.ofMillis(200);

    private final FakeClock clock = new FakeClock(START);
    private final HeartbeatLag lag = new HeartbeatLag(clock, INTERVAL);

    /** One writer tick: the heartbeat written now, applied {@code delay} later, then sampled. */
    private long tick(long seq, Duration delay) {
        long writtenAt = micros(clock.instant());
        lag.written(seq);
        clock.advance(delay);
        lag.applied(seq, writtenAt);
        lag.sample();
        clock.advance(INTERVAL.minus(delay));
        return writtenAt;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    @Test
    void unknownBeforeTheFirstHeartbeatArrives() {
        lag.written(1);
        lag.sample();
        LagReading reading = lag.read();
        assertNull(reading.lagSeconds());
        assertNull(reading.p50Seconds());
        assertNull(reading.seqGap());
        assertTrue(reading.series().isEmpty());
    }

    @Test
    void lagIsNowMinusTheWriteTimeOfTheNewestAppliedHeartbeat() {
        long writtenAt = micros(clock.instant());
        lag.written(7);
        clock.advance(Duration.ofMillis(150));
        lag.applied(7, writtenAt);
        assertEquals(0.150, lag.lagSeconds(), 1e-9);
        assertEquals(0L, lag.read().seqGap());
    }

    @Test
    void aStallMakesLagAndTheGapGrowWithWallTime() {
        for (long seq = 1; seq <= 10; seq++) {
            tick(seq, Duration.ofMillis(50));
        }
        assertTrue(lag.lagSeconds() < 0.25, "idle lag " + lag.lagSeconds());
        // Nothing applied from here on while the writer keeps writing.
        for (long seq = 11; seq <= 20; seq++) {
            lag.written(seq);
            lag.sample();
            clock.advance(INTERVAL);
        }
        LagReading reading = lag.read();
        assertTrue(reading.lagSeconds() >= 2.0, "stalled lag " + reading.lagSeconds());
        assertEquals(10L, reading.seqGap());
        assertTrue(reading.p99Seconds() >= 1.8, "p99 " + reading.p99Seconds());
        assertEquals(0.05, lag.read().p50Seconds(), 1e-9);
    }

    @Test
    void aReplayedOlderHeartbeatDoesNotMoveTheReadingBack() {
        tick(5, Duration.ofMillis(10));
        lag.applied(3, micros(START.minusSeconds(30)));
        assertTrue(lag.lagSeconds() < 1);
    }

    @Test
    void percentilesCoverOnlyTheLastMinute() {
        for (long seq = 1; seq <= 10; seq++) {
            tick(seq, Duration.ofMillis(150));
        }
        clock.advance(HeartbeatLag.WINDOW);
        for (long seq = 11; seq <= 20; seq++) {
            tick(seq, Duration.ofMillis(20));
        }
        LagReading reading = lag.read();
        assertEquals(0.02, reading.p50Seconds(), 1e-9);
        assertEquals(0.02, reading.p99Seconds(), 1e-9);
    }

    @Test
    void theSeriesKeepsTheWorstLagPerBucketForOneHour() {
        tick(1, Duration.ofMillis(100));
        long seq = 2;
        // One bucket with a short stall in it: 1 s without an applied heartbeat.
        lag.written(seq);
        clock.advance(Duration.ofSeconds(1));
        lag.sample();
        tick(seq++, Duration.ofMillis(10));
        assertTrue(lag.read().series().get(0).maxLagSeconds() >= 1.0, lag.read().series().toString());

        for (int i = 0; i < 800; i++) {
            clock.advance(HeartbeatLag.SERIES_BUCKET.minus(INTERVAL));
            tick(seq++, Duration.ofMillis(10));
        }
        LagReading reading = lag.read();
        int buckets = (int) (HeartbeatLag.SERIES_SPAN.toMillis() / HeartbeatLag.SERIES_BUCKET.toMillis());
        assertTrue(reading.series().size() <= buckets, "series size " + reading.series().size());
        assertTrue(reading.series().get(0).at().isAfter(clock.instant().minus(HeartbeatLag.SERIES_SPAN)));
        assertTrue(reading.series().stream().allMatch(point -> point.maxLagSeconds() < 0.5));
    }

    @Test
    void aSequenceThatStartsAgainIsFollowedByWriteTime() {
        tick(500, Duration.ofMillis(10));
        clock.advance(Duration.ofSeconds(5));
        tick(1, Duration.ofMillis(10)); // the control row was recreated: seq 1 again, written later
        assertTrue(lag.lagSeconds() < 1, "lag " + lag.lagSeconds());
        assertEquals(0L, lag.read().seqGap());
    }

    @Test
    void aClockSteppedBackReadsZeroNotNegative() {
        lag.applied(1, micros(START.plusSeconds(5)));
        assertEquals(0.0, lag.lagSeconds());
    }
}
