package io.tandem.connectors.mysql.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.connectors.mysql.schema.TableSize;
import io.tandem.engine.model.TableId;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableCopyTest {

    private final TableCopy copy = new TableCopy(null, null, new SnapshotSettings(1, 4096, Duration.ofSeconds(5)),
            null, null, () -> false, Set.of());
    private final TableId table = new TableId("db", "t");

    @Test
    void fetchSizeShrinksForLargeRows() {
        assertEquals(4096, copy.fetchRows(null));
        assertEquals(4096, copy.fetchRows(new TableSize(table, 0, 0)));
        assertEquals(4096, copy.fetchRows(new TableSize(table, 1_000_000, 100_000_000)), "100-byte rows");
        assertEquals(16, copy.fetchRows(new TableSize(table, 1_000, 1_000L << 20)), "1 MiB rows");
        assertEquals(1, copy.fetchRows(new TableSize(table, 10, 10L << 30)), "1 GiB rows");
    }
}
