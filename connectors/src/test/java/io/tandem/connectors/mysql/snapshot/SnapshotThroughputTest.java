package io.tandem.connectors.mysql.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.connectors.mysql.jdbc.TestSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A measurement, not a test: copies a mixed-type table into a target that only counts rows, and logs rows per
 * second. Runs only with {@code -Dtandem.bench=true}; it never fails on a time.
 */
@EnabledIfSystemProperty(named = "tandem.bench", matches = "true")
class SnapshotThroughputTest {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotThroughputTest.class);
    private static final int ROWS = Integer.getInteger("tandem.bench.rows", 1_000_000);

    @Test
    void measureCopyRate() throws Exception {
        String db = TestSource.server().createDatabase("snapshot_bench");
        try {
            for (String table : List.of("t1", "t2")) {
                TestSource.execute(db, "CREATE TABLE " + table + " (id bigint PRIMARY KEY, n int, name varchar(64),"
                                + " amount decimal(12,2), at datetime(6), ts timestamp(6) NULL, score double,"
                                + " ratio float, flag bit(1), payload varbinary(32))",
                        "INSERT INTO " + table + " SELECT seq, seq % 1000, CONCAT('customer name ', seq),"
                                + " seq / 7, '2024-01-02 03:04:05.123456' + INTERVAL seq SECOND,"
                                + " '2024-01-02 03:04:05.123456' + INTERVAL seq SECOND, seq / 3, seq / 11,"
                                + " seq % 2, UNHEX(SHA1(seq)) FROM seq_1_to_" + ROWS);
            }
            List<SnapshotTable> tables = SnapshotFixture.tables(db);
            for (int run = 1; run <= 3; run++) {
                measure("1 table, parallelism 1, run " + run, tables.subList(0, 1), 1);
            }
            measure("2 tables, parallelism 2", tables, 2);
        } finally {
            TestSource.server().dropDatabase(db);
        }
    }

    private static void measure(String label, List<SnapshotTable> tables, int parallelism) throws Exception {
        CollectingTarget target = new CollectingTarget(false);
        long started = System.nanoTime();
        SnapshotResult result = SnapshotFixture.copier(target, SnapshotFixture.tracker(), parallelism).copy(tables);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals((long) ROWS * tables.size(), result.rowsCopied());
        String line = String.format("BENCH %s: %,d rows in %.2f s = %,.0f rows/s", label, result.rowsCopied(), seconds,
                result.rowsCopied() / seconds);
        LOG.info(line);
        System.out.println(line);
    }
}
