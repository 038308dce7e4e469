package io.tandem.connectors.mysql.stream;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The PostgreSQL text forms of {@link io.tandem.engine.transform.ValueKind} for the value representations
 * Debezium's binlog connectors use. Fractions are always printed with six digits, MySQL's finest precision, so one
 * value always has one text.
 */
final class PgText {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter WALL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private PgText() {
    }

    /** {@code io.debezium.time.Date}: days since 1970-01-01. */
    static String date(long epochDay) {
        return DATE.format(LocalDate.ofEpochDay(epochDay));
    }

    /** {@code io.debezium.time.MicroTimestamp}: the DATETIME wall time as if it were UTC, in microseconds. */
    static String wallTimeMicros(long micros) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        int nanos = (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000;
        return WALL_TIME.format(LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC));
    }

    /** {@code io.debezium.time.Timestamp}: the same in milliseconds. */
    static String wallTimeMillis(long millis) {
        return wallTimeMicros(Math.multiplyExact(millis, 1000L));
    }

    /** {@code io.debezium.time.ZonedTimestamp}: ISO-8601 with an offset (UTC from the binlog). */
    static String instant(String isoOffsetDateTime) {
        OffsetDateTime time = OffsetDateTime.parse(isoOffsetDateTime).withOffsetSameInstant(ZoneOffset.UTC);
        return WALL_TIME.format(time) + "+00";
    }

    /** {@code io.debezium.time.MicroTime}: signed microseconds, hours unbounded (MySQL TIME spans ±838:59:59). */
    static String elapsed(long micros) {
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

    /**
     * {@code io.debezium.data.Bits}: Debezium reverses MySQL's big-endian bytes, so bit 0 (the least significant)
     * is the lowest bit of byte 0. PostgreSQL wants the most significant bit first, exactly {@code width} digits.
     */
    static String bits(byte[] littleEndian, int width) {
        char[] digits = new char[width];
        for (int bit = 0; bit < width; bit++) {
            int index = bit >> 3;
            boolean set = index < littleEndian.length && ((littleEndian[index] >> (bit & 7)) & 1) == 1;
            digits[width - 1 - bit] = set ? '1' : '0';
        }
        return new String(digits);
    }

    /** Connect BYTES values come as byte[] or ByteBuffer depending on the converter that produced them. */
    static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] copy = new byte[buffer.remaining()];
            buffer.duplicate().get(copy);
            return copy;
        }
        throw new IllegalArgumentException("expected bytes, got " + value.getClass().getName());
    }

    private static StringBuilder pad(StringBuilder text, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
