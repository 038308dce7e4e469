package io.tandem.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void parsesSizes() {
        assertEquals(64L << 20, Quantities.parseSize("64MiB"));
        assertEquals(512L << 10, Quantities.parseSize("512KiB"));
        assertEquals(1L << 30, Quantities.parseSize("1GiB"));
        assertEquals(2L << 40, Quantities.parseSize("2 tib"));
        assertEquals(1234, Quantities.parseSize("1234"));
        assertEquals(7, Quantities.parseSize("7B"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parseSize("64MB"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parseSize("1.5GiB"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parseSize("-1"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parseSize("9999999999999GiB"));
    }

    @Test
    void parsesDurations() {
        assertEquals(Duration.ofMillis(200), Quantities.parseDuration("200ms"));
        assertEquals(Duration.ofSeconds(5), Quantities.parseDuration("5s"));
        assertEquals(Duration.ofMinutes(2), Quantities.parseDuration("2m"));
        assertEquals(Duration.ofHours(1), Quantities.parseDuration("1h"));
        assertEquals(Duration.ZERO, Quantities.parseDuration("0ms"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parseDuration("200"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parseDuration("5 sec"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parseDuration("1m30s"));
    }

    @Test
    void formatsWithTheLargestExactUnit() {
        assertEquals("64MiB", Quantities.formatSize(64L << 20));
        assertEquals("1536KiB", Quantities.formatSize(1536L << 10));
        assertEquals("1000B", Quantities.formatSize(1000));
        assertEquals("0B", Quantities.formatSize(0));
        assertEquals("30s", Quantities.formatDuration(Duration.ofSeconds(30)));
        assertEquals("1500ms", Quantities.formatDuration(Duration.ofMillis(1500)));
        assertEquals("2m", Quantities.formatDuration(Duration.ofMinutes(2)));
    }
}
