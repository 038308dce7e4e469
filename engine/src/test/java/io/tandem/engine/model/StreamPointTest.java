package io.tandem.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamPointTest {

    @Test
    void ordersCountersLeftToRight() {
        assertTrue(StreamPoint.of("b", 9, 500).compareTo(StreamPoint.of("b", 10, 4)) < 0);
        assertTrue(StreamPoint.of("b", 10, 4, 2).compareTo(StreamPoint.of("b", 10, 4, 1, 7)) > 0);
        assertTrue(StreamPoint.of("b", 10, 4).isAtOrAfter(StreamPoint.of("b", 10, 4)));
    }

    @Test
    void aMissingTrailingCounterIsZero() {
        assertEquals(StreamPoint.of("b", 10, 4), StreamPoint.of("b", 10, 4, 0, 0));
        assertEquals(StreamPoint.of("b", 10, 4).hashCode(), StreamPoint.of("b", 10, 4, 0, 0).hashCode());
        assertTrue(StreamPoint.of("b", 10, 4, 0, 1).compareTo(StreamPoint.of("b", 10, 4)) > 0);
    }

    @Test
    void pointsOfDifferentLogsAreNotOrdered() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamPoint.of("binlog:mysql-bin", 1).compareTo(StreamPoint.of("binlog:other", 1)));
        assertTrue(e.getMessage().contains("different logs"), e.getMessage());
    }
}
