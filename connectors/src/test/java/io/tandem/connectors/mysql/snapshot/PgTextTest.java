package io.tandem.connectors.mysql.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PgTextTest {

    @Test
    void bitsAreMostSignificantFirstAndExactlyTheWidth() {
        assertEquals("1000000001", PgText.bits(new byte[] {0x02, 0x01}, 10));
        assertEquals("0000000100000010", PgText.bits(new byte[] {0x01, 0x02}, 16));
        assertEquals("101", PgText.bits(new byte[] {0x05}, 3));
        assertEquals("0000000101", PgText.bits(new byte[] {0x05}, 10), "missing leading bytes are zeros");
        assertEquals("1".repeat(64), PgText.bits(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}, 64));
    }

    @Test
    void zeroDatePartsAreFound() {
        assertTrue(PgText.hasZeroPart("0000-00-00"));
        assertTrue(PgText.hasZeroPart("0000-00-00 00:00:00.000000"));
        assertTrue(PgText.hasZeroPart("2024-00-15"));
        assertTrue(PgText.hasZeroPart("2024-01-00 10:00:00"));
        assertTrue(PgText.hasZeroPart("0000-01-01"), "PostgreSQL has no year 0");
        assertFalse(PgText.hasZeroPart("0001-01-01"));
        assertFalse(PgText.hasZeroPart("2000-10-10 00:00:00"));
    }
}
