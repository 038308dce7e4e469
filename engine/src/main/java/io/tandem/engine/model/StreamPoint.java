package io.tandem.engine.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A comparable place in one source's change log, in a form that does not depend on the source: the name of the log
 * series and a vector of counters compared left to right. A binlog position is {@code ("mysql-bin", [file number,
 * byte offset, events into the transaction, rows into the event])}; a PostgreSQL LSN is {@code ("wal", [lsn])}.
 *
 * <p>Points of two different series cannot be ordered (another server, a renamed binlog): comparing them throws
 * instead of guessing, so a drain or verification never waits on a position it can never reach.
 */
public record StreamPoint(String series, long[] ordinal) implements Comparable<StreamPoint> {

    public StreamPoint {
        Objects.requireNonNull(series, "series");
        ordinal = ordinal.clone();
        if (ordinal.length == 0) {
            throw new IllegalArgumentException("a stream point needs at least one counter");
        }
    }

    public static StreamPoint of(String series, long... ordinal) {
        return new StreamPoint(series, ordinal);
    }

    @Override
    public long[] ordinal() {
        return ordinal.clone();
    }

    /** Orders by the counters left to right; a missing trailing counter counts as 0. */
    @Override
    public int compareTo(StreamPoint other) {
        if (!series.equals(other.series)) {
            throw new IllegalArgumentException("cannot order positions of different logs: " + this + " and " + other);
        }
        int length = Math.max(ordinal.length, other.ordinal.length);
        for (int i = 0; i < length; i++) {
            int byCounter = Long.compare(counter(i), other.counter(i));
            if (byCounter != 0) {
                return byCounter;
            }
        }
        return 0;
    }

    public boolean isAtOrAfter(StreamPoint other) {
        return compareTo(other) >= 0;
    }

    private long counter(int index) {
        return index < ordinal.length ? ordinal[index] : 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamPoint point && series.equals(point.series) && compareTo(point) == 0;
    }

    @Override
    public int hashCode() {
        int length = ordinal.length;
        while (length > 1 && ordinal[length - 1] == 0) {
            length--;
        }
        return 31 * series.hashCode() + Arrays.hashCode(Arrays.copyOf(ordinal, length));
    }

    @Override
    public String toString() {
        return series + Arrays.toString(ordinal);
    }
}
