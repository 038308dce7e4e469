package io.tandem.converters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ExactTypesConverterTest {

    @Test
    void aUuidWhoseTrailingZeroBytesTheBinlogCutOffKeepsThem() {
        byte[] withoutTrailingZero = HexFormat.of().parseHex("123e4567e89b12d3a4564266141740");
        assertEquals("123e4567-e89b-12d3-a456-426614174000", ExactTypesConverter.toUuid(withoutTrailingZero));
        assertEquals("00000000-0000-0000-0000-000000000000", ExactTypesConverter.toUuid(new byte[0]));
        assertEquals("f47ac10b-58cc-4372-a567-0e02b2c3d479",
                ExactTypesConverter.toUuid(HexFormat.of().parseHex("f47ac10b58cc4372a5670e02b2c3d479")));
    }

    @Test
    void aUuidDefaultFromTheDdlParserIsAlreadyText() {
        assertEquals("123e4567-e89b-12d3-a456-426614174000",
                ExactTypesConverter.toUuid("123e4567-e89b-12d3-a456-426614174000"));
        assertNull(ExactTypesConverter.toUuid(null));
    }

    @Test
    void moreThanSixteenBytesAreNoUuid() {
        assertThrows(IllegalArgumentException.class, () -> ExactTypesConverter.toUuid(new byte[17]));
    }

    @Test
    void aYearReadByDebeziumsOwnSnapshotArrivesAsADateAndBecomesItsYear() {
        assertEquals(1991, ExactTypesConverter.toYear(java.sql.Date.valueOf("1991-01-01")));
        assertEquals(2155, ExactTypesConverter.toYear(java.time.LocalDate.of(2155, 1, 1)));
    }

    @Test
    void aBinlogYearOfZeroIsDecodedAs1900AndBecomesZeroAgain() {
        assertEquals(0, ExactTypesConverter.toYear(java.time.Year.of(1900)));
        assertEquals(1999, ExactTypesConverter.toYear(java.time.Year.of(1999)));
        assertEquals(0, ExactTypesConverter.toYear("0"));
        assertNull(ExactTypesConverter.toYear(null));
    }
}
