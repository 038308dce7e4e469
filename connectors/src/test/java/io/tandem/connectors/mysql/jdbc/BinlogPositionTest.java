package io.tandem.connectors.mysql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinlogPositionTest {

    @Test
    void ordersByFileSequenceThenOffset() {
        BinlogPosition a = new BinlogPosition("mysql-bin.000009", 900);
        BinlogPosition b = new BinlogPosition("mysql-bin.000010", 4);
        BinlogPosition c = new BinlogPosition("mysql-bin.000010", 120);
        BinlogPosition d = new BinlogPosition("mysql-bin.1000000", 4); // after .999999 the name grows a digit
        List<BinlogPosition> shuffled = new ArrayList<>(List.of(d, c, a, b));
        Collections.sort(shuffled);
        assertEquals(List.of(a, b, c, d), shuffled);
        assertTrue(a.isBefore(b));
        assertEquals(a, BinlogPosition.min(c, a));
        assertEquals(0, c.compareTo(new BinlogPosition("mysql-bin.000010", 120)));
    }

    @Test
    void refusesToOrderDifferentSeries() {
        BinlogPosition mine = new BinlogPosition("mysql-bin.000001", 4);
        BinlogPosition other = new BinlogPosition("host2-bin.000001", 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mine.compareTo(other));
        assertTrue(e.getMessage().contains("different binlog series"), e.getMessage());
    }

    @Test
    void readsPositionMaps() {
        assertEquals(new BinlogPosition("mysql-bin.000003", 4711),
                BinlogPosition.of(Map.of("file", "mysql-bin.000003", "pos", "4711", "gtids", "0-1-5")));
        assertEquals(new BinlogPosition("mysql-bin.000003", 4711),
                BinlogPosition.of(Map.of("file", "mysql-bin.000003", "pos", 4711L))); // a Debezium offset
        assertThrows(IllegalArgumentException.class, () -> BinlogPosition.of(Map.of("file", "x.000001")));
        assertEquals("mysql-bin.000003:4711", new BinlogPosition("mysql-bin.000003", 4711).toString());
    }
}
