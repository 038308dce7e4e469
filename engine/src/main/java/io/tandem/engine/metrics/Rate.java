package io.tandem.engine.metrics;

import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;

/**
 * Events per second over a sliding window of whole seconds, from per-second buckets. Only completed seconds
 * count: the current second is still filling, and including it would make the rate dip at every tick.
 */
public final class Rate {

    private final Clock clock;
    private final int windowSeconds;
    // One slot more than the window, so the second being filled never overwrites the oldest second still read.
    private final long[] counts;
    private final long[] slotSecond;
    private final long startSecond;
    private long latestSecond;

    public Rate(Clock clock, int windowSeconds) {
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("window must be at least 1 second, got " + windowSeconds);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windowSeconds = windowSeconds;
        this.counts = new long[windowSeconds + 1];
        this.slotSecond = new long[windowSeconds + 1];
        this.startSecond = Math.floorDiv(clock.millis(), 1000);
        this.latestSecond = startSecond;
        Arrays.fill(slotSecond, Long.MIN_VALUE);
    }

    public synchronized void mark(long n) {
        long second = now();
        int slot = slot(second);
        if (slotSecond[slot] != second) {
            slotSecond[slot] = second;
            counts[slot] = 0;
        }
        counts[slot] += n;
    }

    /**
     * The mean over the last {@code windowSeconds} completed seconds, or over all completed seconds while the
     * meter is younger than the window; 0 before the first second has completed.
     */
    public synchronized double perSecond() {
        long current = now();
        long seconds = Math.min(windowSeconds, current - startSecond);
        if (seconds <= 0) {
            return 0.0;
        }
        long sum = 0;
        for (long second = current - seconds; second < current; second++) {
            int slot = slot(second);
            if (slotSecond[slot] == second) {
                sum += counts[slot];
            }
        }
        return (double) sum / seconds;
    }

    public int windowSeconds() {
        return windowSeconds;
    }

    // A wall clock stepped backwards (NTP) must not reopen seconds already counted as complete.
    private long now() {
        latestSecond = Math.max(latestSecond, Math.floorDiv(clock.millis(), 1000));
        return latestSecond;
    }

    private int slot(long second) {
        return (int) Math.floorMod(second, (long) counts.length);
    }
}
