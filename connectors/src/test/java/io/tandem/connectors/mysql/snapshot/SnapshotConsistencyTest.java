package io.tandem.connectors.mysql.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.jdbc.TestSource;
import io.tandem.engine.model.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The copy position means what the stream relies on: a row is in the copy exactly when the transaction that
 * inserted it ends at or before the recorded position. A writer inserts one row per transaction while the copy
 * runs and notes the binlog end after each commit; as the only writer, that end is its transaction's end.
 */
class SnapshotConsistencyTest {

    private static final int PRELOADED = 50_000;

    private String db;

    @BeforeEach
    void createDatabase() throws Exception {
        db = TestSource.server().createDatabase("snapshot_consistency");
        TestSource.execute(db, "CREATE TABLE seq (id bigint AUTO_INCREMENT PRIMARY KEY, v varchar(40))",
                "INSERT INTO seq (v) SELECT CONCAT('preloaded ', seq) FROM seq_1_to_" + PRELOADED);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        TestSource.server().dropDatabase(db);
    }

    @Test
    void copiedRowsAreExactlyThoseCommittedBeforeThePosition() throws Exception {
        Map<Long, BinlogPosition> endOf = new ConcurrentSkipListMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writerThread = Executors.newSingleThreadExecutor();
        Future<?> writer = writerThread.submit(() -> write(endOf, stop));
        try {
            awaitRows(endOf, 200);
            CollectingTarget target = new CollectingTarget();
            SnapshotResult result = SnapshotFixture.copier(target, SnapshotFixture.tracker(), 1)
                    .copy(SnapshotFixture.tables(db));
            int writtenAtFinish = endOf.size();
            awaitRows(endOf, writtenAtFinish + 200);
            stop.set(true);
            writer.get(1, TimeUnit.MINUTES);

            TableId seq = new TableId(db, "seq");
            BinlogPosition position = result.tables().get(seq).binlogPosition();
            TreeSet<Long> copied = new TreeSet<>();
            for (String[] row : target.rowsOf(seq)) {
                copied.add(Long.parseLong(row[0]));
            }
            for (long id = 1; id <= PRELOADED; id++) {
                assertTrue(copied.contains(id), "preloaded row " + id + " missing");
            }
            int before = 0;
            int after = 0;
            for (Map.Entry<Long, BinlogPosition> written : endOf.entrySet()) {
                boolean committedBefore = written.getValue().compareTo(position) <= 0;
                assertEquals(committedBefore, copied.contains(written.getKey()),
                        "row " + written.getKey() + " ending at " + written.getValue() + " vs copy at " + position);
                if (committedBefore) {
                    before++;
                } else {
                    after++;
                }
            }
            assertEquals(PRELOADED + before, copied.size(), "no row the writer did not commit before the position");
            // Nothing else writes to the binlog meanwhile, so the position is exactly the end of the last copied row.
            long lastCopied = copied.last();
            assertEquals(endOf.get(lastCopied), position, "the position is exact, not just in between");
            assertTrue(before >= 200 && after >= 200, "the writer ran on both sides: " + before + "/" + after);
        } finally {
            stop.set(true);
            writerThread.shutdownNow();
        }
    }

    private Void write(Map<Long, BinlogPosition> endOf, AtomicBoolean stop) throws Exception {
        try (Connection connection = TestSource.admin(db); Statement statement = connection.createStatement()) {
            while (!stop.get()) {
                statement.executeUpdate("INSERT INTO seq (v) VALUES ('written')", Statement.RETURN_GENERATED_KEYS);
                long id;
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
                try (ResultSet status = statement.executeQuery("SHOW MASTER STATUS")) {
                    status.next();
                    endOf.put(id, new BinlogPosition(status.getString("File"), status.getLong("Position")));
                }
            }
        }
        return null;
    }

    private static void awaitRows(Map<Long, BinlogPosition> endOf, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (endOf.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writer wrote only " + endOf.size() + " rows in 60 s");
            }
            Thread.sleep(5);
        }
    }

}
