package io.tandem.engine.lag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Lag that does not lie: {@code now − written_at} of the newest heartbeat committed on the target, both times on
 * tandem's own clock (the writer's and this one), so the source's clock never enters and skew cannot show as lag.
 * Because the heartbeat row travels the whole way (binlog, reader, queue, apply, commit), a stall anywhere makes the
 * lag grow with wall time, also on an idle source; its resolution is one heartbeat interval.
 *
 * <p>Fed by the heartbeat writer ({@link #written}, {@link #sample} on every attempt, successful or not, so stalls
 * are sampled while they last) and by the apply listener ({@link #applied}, after the commit). Memory is bounded:
 * the minute window holds one sample per writer attempt, the hour series one point per bucket.
 */
public final class HeartbeatLag {

    /** The window of the percentiles. */
    public static final Duration WINDOW = Duration.ofSeconds(60);
    /** The span of the chart series and its resolution: 720 points. */
    public static final Duration SERIES_SPAN = Duration.ofHours(1);
    public static final Duration SERIES_BUCKET = Duration.ofSeconds(5);

    private record Sample(long atMillis, double lagSeconds) {
    }

    private final Clock clock;
    private final int maxSamples;
    private final Deque<Sample> window = new ArrayDeque<>();
    private final Deque<LagPoint> series = new ArrayDeque<>();
    private long writtenSeq = -1;
    private long appliedSeq = -1;
    private long appliedWrittenAtMicros;

    /** @param interval the heartbeat interval; bounds the samples one window can hold */
    public HeartbeatLag(Clock clock, Duration interval) {
        this.clock = clock;
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, got " + interval);
        }
        // Two samples per interval at most in practice (a late tick and the next one); headroom beyond that.
        this.maxSamples = (int) Math.min(100_000, 4 * (WINDOW.toMillis() / Math.max(1, interval.toMillis()) + 1));
    }

    /** The writer committed heartbeat {@code seq} on the source (one writer, so each call is the newest). */
    public synchronized void written(long seq) {
        writtenSeq = seq;
    }

    /**
     * The target committed heartbeat {@code seq}. Older ones (a replay after a restart) do not move the reading
     * back. "Older" is by write time, not by sequence: a sequence that starts again (the source's control row was
     * dropped and recreated) must not freeze the lag at its old high mark.
     */
    public synchronized void applied(long seq, long writtenAtMicros) {
        if (appliedSeq < 0 || writtenAtMicros >= appliedWrittenAtMicros) {
            appliedSeq = seq;
            appliedWrittenAtMicros = writtenAtMicros;
        }
    }

    /** Records the current lag in the minute window and the hour series; a no-op before the first heartbeat. */
    public synchronized void sample() {
        Double lag = currentLag();
        if (lag == null) {
            return;
        }
        long now = clock.millis();
        window.addLast(new Sample(now, lag));
        while (window.size() > maxSamples) {
            window.removeFirst();
        }
        long bucketStart = now - Math.floorMod(now, SERIES_BUCKET.toMillis());
        LagPoint last = series.peekLast();
        if (last != null && last.at().toEpochMilli() == bucketStart) {
            if (lag > last.maxLagSeconds()) {
                series.removeLast();
                series.addLast(new LagPoint(last.at(), lag));
            }
        } else {
            series.addLast(new LagPoint(Instant.ofEpochMilli(bucketStart), lag));
        }
        evict(now);
    }

    /** Null before the first heartbeat was applied. */
    public synchronized Double lagSeconds() {
        return currentLag();
    }

    public synchronized LagReading read() {
        long now = clock.millis();
        evict(now);
        double[] lags = window.stream().mapToDouble(Sample::lagSeconds).toArray();
        Arrays.sort(lags);
        Long gap = writtenSeq >= 0 && appliedSeq >= 0 ? Math.max(0, writtenSeq - appliedSeq) : null;
        return new LagReading(currentLag(), percentile(lags, 0.50), percentile(lags, 0.99), gap,
                new ArrayList<>(series));
    }

    private Double currentLag() {
        if (appliedSeq < 0) {
            return null;
        }
        long nowMicros = Math.multiplyExact(clock.millis(), 1000L);
        // A clock stepped back shows as zero, not as a negative lag.
        return Math.max(0, nowMicros - appliedWrittenAtMicros) / 1e6;
    }

    private void evict(long nowMillis) {
        while (!window.isEmpty() && window.peekFirst().atMillis() <= nowMillis - WINDOW.toMillis()) {
            window.removeFirst();
        }
        while (!series.isEmpty() && series.peekFirst().at().toEpochMilli() <= nowMillis - SERIES_SPAN.toMillis()) {
            series.removeFirst();
        }
    }

    /** Nearest-rank percentile of sorted values; null for none. */
    static Double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
