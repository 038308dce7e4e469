package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.debezium.ConnectValues;
import io.tandem.engine.transform.TemporalText;
import java.time.OffsetDateTime;

/**
 * The PostgreSQL text forms of {@link io.tandem.engine.transform.ValueKind} for the value representations
 * Debezium's binlog connectors use; the texts themselves are {@link TemporalText}'s and {@link ConnectValues}',
 * which the reverse direction shares, so one value always has one text.
 */
final class PgText {

    private PgText() {
    }

    /** {@code io.debezium.time.Date}: days since 1970-01-01. */
    static String date(long epochDay) {
        return TemporalText.date(epochDay);
    }

    /** {@code io.debezium.time.MicroTimestamp}: the DATETIME wall time as if it were UTC, in microseconds. */
    static String wallTimeMicros(long micros) {
        return TemporalText.wallTimeMicros(micros);
    }

    /** {@code io.debezium.time.Timestamp}: the same in milliseconds. */
    static String wallTimeMillis(long millis) {
        return wallTimeMicros(Math.multiplyExact(millis, 1000L));
    }

    /** {@code io.debezium.time.ZonedTimestamp}: ISO-8601 with an offset (UTC from the binlog). */
    static String instant(String isoOffsetDateTime) {
        return TemporalText.instant(OffsetDateTime.parse(isoOffsetDateTime));
    }

    /** {@code io.debezium.time.MicroTime}: signed microseconds, hours unbounded (MySQL TIME spans ±838:59:59). */
    static String elapsed(long micros) {
        return TemporalText.elapsed(micros);
    }

    /**
     * {@code io.debezium.data.Bits}: Debezium reverses MySQL's big-endian bytes, so bit 0 (the least significant)
     * is the lowest bit of byte 0. PostgreSQL wants the most significant bit first, exactly {@code width} digits.
     */
    static String bits(byte[] littleEndian, int width) {
        return ConnectValues.bits(littleEndian, width);
    }

    /** Connect BYTES values come as byte[] or ByteBuffer depending on the converter that produced them. */
    static byte[] bytes(Object value) {
        return ConnectValues.bytes(value);
    }
}
