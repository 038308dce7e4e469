package io.tandem.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final Rate rate = new Rate(clock, 10);

    @Test
    void isZeroUntilTheFirstSecondCompletes() {
        rate.mark(500);
        clock.advance(Duration.ofMillis(999));
        assertEquals(0.0, rate.perSecond());
    }

    @Test
    void averagesOverCompletedSecondsWhileYoungerThanTheWindow() {
        rate.mark(100);
        clock.advance(Duration.ofSeconds(1));
        rate.mark(300);
        clock.advance(Duration.ofSeconds(1));
        rate.mark(999); // the current second is still filling and does not count yet
        assertEquals(200.0, rate.perSecond());
    }

    @Test
    void slidesOverTheLastWindowOfSeconds() {
        for (int second = 0; second < 20; second++) {
            rate.mark(second < 10 ? 1000 : 10);
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(10.0, rate.perSecond());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(5.0, rate.perSecond(), "five of the ten seconds in the window were quiet");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(0.0, rate.perSecond());
    }

    @Test
    void reusesBucketsAfterAGapLongerThanTheWindow() {
        rate.mark(1000);
        clock.advance(Duration.ofSeconds(11)); // lands on the same bucket as second 0
        rate.mark(50);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(5.0, rate.perSecond(), "the stale 1000 from second 0 must not be read back");
    }

    @Test
    void aClockSteppingBackDoesNotReopenCompletedSeconds() {
        rate.mark(100);
        clock.advance(Duration.ofSeconds(2));
        assertEquals(50.0, rate.perSecond());
        clock.set(Instant.parse("2025-01-01T00:00:00Z"));
        rate.mark(100); // counted in second 2, the latest seen, not in the completed second 0
        assertEquals(50.0, rate.perSecond());
        clock.set(Instant.parse("2025-01-01T00:00:03Z"));
        assertEquals(200.0 / 3, rate.perSecond(), 1e-9);
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThrows(IllegalArgumentException.class, () -> new Rate(clock, 0));
    }
}
