package io.tandem.converters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ZeroDatesConverterTest {

    @Test
    void aNullFromTheBinlogReaderIsAZeroDateAndRealDatesKeepDebeziumsNumbers() {
        assertEquals(ZeroDatesConverter.ZERO_DATE_DAYS, ZeroDatesConverter.toEpochDay(null));
        assertEquals(0, ZeroDatesConverter.toEpochDay(LocalDate.of(1970, 1, 1)), "a real 1970-01-01 is day 0");
        assertEquals(-354285, ZeroDatesConverter.toEpochDay(LocalDate.of(1000, 1, 1)));
        assertEquals(ZeroDatesConverter.ZERO_DATE_MICROS, ZeroDatesConverter.toMicros(null));
        assertEquals(1_500_001L, ZeroDatesConverter.toMicros(LocalDateTime.of(1970, 1, 1, 0, 0, 1, 500_001_000)));
    }

    @Test
    void defaultsFromTheDdlParserAreReadAsText() {
        assertEquals(19723, ZeroDatesConverter.toEpochDay("2024-01-01"));
        assertEquals(ZeroDatesConverter.ZERO_DATE_DAYS, ZeroDatesConverter.toEpochDay("0000-00-00"));
        assertEquals(ZeroDatesConverter.ZERO_DATE_MICROS, ZeroDatesConverter.toMicros("2024-00-15 10:00:00"));
        assertEquals(1_704_067_200_000_000L, ZeroDatesConverter.toMicros("2024-01-01 00:00:00"));
        assertNull(ZeroDatesConverter.toMicros("2024-01-01 CURRENT"), "an expression default has no value");
    }
}
