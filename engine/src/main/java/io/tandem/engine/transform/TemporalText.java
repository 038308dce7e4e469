package io.tandem.engine.transform;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@link ValueKind#DATE}, {@link ValueKind#TIMESTAMP}, {@link ValueKind#TIMESTAMPTZ} and
 * {@link ValueKind#INTERVAL} text forms of the stream paths, shared by both directions so one value has one text
 * whichever log it came through. Fractions always have six digits, MySQL's finest precision.
 */
public final class TemporalText {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter WALL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private TemporalText() {
    }

    /** Days since 1970-01-01 as {@code yyyy-MM-dd}. */
    public static String date(long epochDay) {
        return DATE.format(LocalDate.ofEpochDay(epochDay));
    }

    /** A wall time given as microseconds since 1970-01-01 00:00 (as if it were UTC). */
    public static String wallTimeMicros(long micros) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        int nanos = (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000;
        return WALL_TIME.format(LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC));
    }

    /** An instant in UTC, {@code +00} appended. */
    public static String instant(OffsetDateTime time) {
        return WALL_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC)) + "+00";
    }

    /** Signed microseconds as {@code [-]H:mm:ss.ffffff}, hours unbounded (MySQL TIME spans ±838:59:59). */
    public static String elapsed(long micros) {
        StringBuilder text = new StringBuilder(20);
        if (micros < 0) {
            text.append('-');
        }
        long magnitude = Math.abs(micros);
        long totalSeconds = magnitude / MICROS_PER_SECOND;
        text.append(totalSeconds / 3600).append(':');
        pad(text, (totalSeconds / 60) % 60, 2).append(':');
        pad(text, totalSeconds % 60, 2).append('.');
        return pad(text, magnitude % MICROS_PER_SECOND, 6).toString();
    }

    private static StringBuilder pad(StringBuilder text, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
