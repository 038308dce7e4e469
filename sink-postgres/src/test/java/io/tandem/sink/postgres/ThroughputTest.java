package io.tandem.sink.postgres;

import static io.tandem.sink.postgres.Fixtures.column;
import static io.tandem.sink.postgres.Fixtures.delete;
import static io.tandem.sink.postgres.Fixtures.insert;
import static io.tandem.sink.postgres.Fixtures.notNull;
import static io.tandem.sink.postgres.Fixtures.position;
import static io.tandem.sink.postgres.Fixtures.row;
import static io.tandem.sink.postgres.Fixtures.table;
import static io.tandem.sink.postgres.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.sink.ChangeSink;
import io.tandem.engine.sink.SnapshotTarget.TableLoad;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Volume checks: the COPY path streams 200k rows without allocating per row, and the rates of both paths are
 * logged (not asserted: timings do not gate tests; read them in the test output).
 */
class ThroughputTest {

    private static final Logger LOG = LoggerFactory.getLogger(ThroughputTest.class);
    private static final int ROWS = 200_000;
    private static final int BATCH_EVENTS = 2048;

    /** sysbench's table shape: {@code sbtest (id int key, k int, c char(120), pad char(60))}. */
    private final TargetTable sbtest = table("bench", "sbtest", List.of(
            notNull("id", "integer", ValueKind.INTEGER),
            notNull("k", "integer", ValueKind.INTEGER),
            notNull("c", "character(120)", ValueKind.TEXT),
            notNull("pad", "character(60)", ValueKind.TEXT),
            column("at", "timestamp(6) without time zone", ValueKind.TIMESTAMP)), List.of("id"), List.of());
    private TargetFixture db;
    private final String c = "68487932199-96439406143-93774651418-41631865787-96406072701-20604855487-2593";
    private final String pad = "22195207048-70116052123-74140395089-76317954521-98694025897";

    @BeforeEach
    void open() throws Exception {
        db = TargetFixture.open("sink_bench");
        db.target.snapshotTarget().createTable(sbtest);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void copiesTwoHundredThousandRowsWithoutAllocatingPerRow() throws Exception {
        String[] ids = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            ids[i] = Integer.toString(i + 1);
        }
        String[] row = {null, "42", c + "\t\\ü", pad, "2024-02-29 23:59:59.999999"};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long start = System.nanoTime();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long allocatedDuringRows;
        try (TableLoad load = db.target.snapshotTarget().beginLoad(sbtest)) {
            for (int i = 0; i < ROWS; i++) {
                row[0] = ids[i];
                load.row(row);
            }
            allocatedDuringRows = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            load.commit(Map.of("pos", "1"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(ROWS, db.count("bench.sbtest"));
        assertEquals(c + "\t\\ü", db.value("SELECT rtrim(c) FROM bench.sbtest WHERE id = " + ROWS));
        LOG.info("COPY: {} rows in {} s = {} rows/s; {} bytes allocated by the loading thread while rows were fed",
                ROWS, String.format("%.2f", seconds), Math.round(ROWS / seconds), allocatedDuringRows);
        assertTrue(allocatedDuringRows < ROWS * 8L,
                "feeding rows must not allocate per row (memory bounded by the buffer): " + allocatedDuringRows);
    }

    @Test
    void upsertsAndSysbenchLikeTransactionsInLargeBatches() throws Exception {
        ChangeSink sink = db.target.changeSink();
        long pos = 0;
        long start = System.nanoTime();
        List<ChangeEvent> batch = new ArrayList<>();
        for (int id = 1; id <= ROWS; id++) {
            batch.add(insert(sbtest, ++pos, Integer.toString(id), "1", c, pad, null));
            pos = flushIfFull(sink, batch, pos);
        }
        sink.apply(batch, position(pos));
        batch.clear();
        double insertSeconds = (System.nanoTime() - start) / 1e9;
        LOG.info("upsert (new rows): {} rows in {} s = {} rows/s", ROWS, String.format("%.2f", insertSeconds),
                Math.round(ROWS / insertSeconds));

        int transactions = 50_000;
        SplittableRandom random = new SplittableRandom(7);
        start = System.nanoTime();
        for (int t = 0; t < transactions; t++) {
            String a = Integer.toString(random.nextInt(ROWS) + 1);
            String b = Integer.toString(random.nextInt(ROWS) + 1);
            String d = Integer.toString(random.nextInt(ROWS) + 1);
            // oltp_write_only: update the index column, update a non-index column, delete a row, insert it again
            batch.add(update(sbtest, ++pos, row(a, "1", c, pad, null), row(a, "2", c, pad, null)));
            batch.add(update(sbtest, ++pos, row(b, "1", c, pad, null), row(b, "1", pad, pad, null)));
            batch.add(delete(sbtest, ++pos, d, "1", c, pad, null));
            batch.add(insert(sbtest, ++pos, d, "3", c, pad, "2024-01-01 00:00:00"));
            batch.add(new TransactionEnd("t" + t, position(pos)));
            pos = flushIfFull(sink, batch, pos);
        }
        sink.apply(batch, position(pos));
        double mixedSeconds = (System.nanoTime() - start) / 1e9;
        long rowEvents = transactions * 4L;
        LOG.info("oltp_write_only-like: {} transactions, {} row events in {} s = {} row events/s", transactions,
                rowEvents, String.format("%.2f", mixedSeconds), Math.round(rowEvents / mixedSeconds));
        assertEquals(ROWS, db.count("bench.sbtest"));
    }

    private static long flushIfFull(ChangeSink sink, List<ChangeEvent> batch, long pos) {
        if (batch.size() >= BATCH_EVENTS) {
            sink.apply(batch, position(pos));
            batch.clear();
        }
        return pos;
    }
}
