package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PgTextTest {

    @Test
    void bitsReverseDebeziumsLittleEndianBytes() {
        // b'0000000100000010' (258): MySQL sends 0x01 0x02, Debezium reverses to 0x02 0x01.
        assertEquals("0000000100000010", PgText.bits(new byte[] {0x02, 0x01}, 16));
        assertEquals("1000000011", PgText.bits(new byte[] {0x03, 0x02}, 10));
        assertEquals("0000000001", PgText.bits(new byte[] {0x01}, 10), "missing high bytes are zeros");
        assertEquals("1", PgText.bits(new byte[] {0x01}, 1));
    }

    @Test
    void elapsedTimesKeepSignAndUnboundedHours() {
        assertEquals("-838:59:59.000000", PgText.elapsed(-(838L * 3600 + 59 * 60 + 59) * 1_000_000));
        assertEquals("838:59:59.000000", PgText.elapsed((838L * 3600 + 59 * 60 + 59) * 1_000_000));
        assertEquals("-0:00:00.000001", PgText.elapsed(-1));
        assertEquals("25:00:00.500000", PgText.elapsed(25L * 3600 * 1_000_000 + 500_000));
    }

    @Test
    void wallTimesAndInstantsHaveSixFractionDigits() {
        assertEquals("1969-12-31 23:59:59.999999", PgText.wallTimeMicros(-1));
        assertEquals("0001-01-01 00:00:00.000000", PgText.wallTimeMillis(-62135596800000L));
        assertEquals("2038-01-19 03:14:07.999999+00", PgText.instant("2038-01-19T03:14:07.999999Z"));
        assertEquals("2018-06-20 11:37:03.000000+00", PgText.instant("2018-06-20T13:37:03+02:00"));
        assertEquals("1000-01-01", PgText.date(-354285));
    }

    @Test
    void bytesComeFromArraysOrTheRemainderOfBuffers() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 1, 2}, 1, 2);
        assertArrayEquals(new byte[] {1, 2}, PgText.bytes(buffer));
        assertArrayEquals(new byte[] {0, (byte) 0xff}, PgText.bytes(new byte[] {0, (byte) 0xff}));
    }
}
