package io.tandem.sink.postgres;

import static io.tandem.sink.postgres.Fixtures.PARTITION;
import static io.tandem.sink.postgres.Fixtures.insert;
import static io.tandem.sink.postgres.Fixtures.items;
import static io.tandem.sink.postgres.Fixtures.log;
import static io.tandem.sink.postgres.Fixtures.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.sink.ChangeSink;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FailureTest {

    private TargetFixture db;
    private ChangeSink sink;
    private final TargetTable items = items();
    private final TargetTable log = log();

    @BeforeEach
    void open() throws Exception {
        db = TargetFixture.open("sink_fail");
        db.target.snapshotTarget().createTable(items);
        db.target.snapshotTarget().createTable(log);
        sink = db.target.changeSink();
        sink.apply(List.of(insert(items, 1, "1", "kept", "1")), position(1));
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private String storedPos() throws Exception {
        return db.value("SELECT source_offset ->> 'pos' FROM tandem.offsets");
    }

    @Test
    void aBatchFailingMidwayLeavesNeitherRowsNorOffset() throws Exception {
        SinkException e = assertThrows(SinkException.class, () -> sink.apply(List.of(
                insert(log, 2, "ann", "applied first"),
                insert(items, 3, "2", "fine", "2"),
                insert(items, 4, "3", "bad", "secret-value-42x")), position(4)));

        assertFalse(e.transientFailure());
        String message = e.getMessage();
        assertTrue(message.contains("SQLSTATE 22P02"), message);
        assertTrue(message.contains("shop.items") && message.contains("upsert"), message);
        assertTrue(message.contains("mysql-bin.000001:4"), message);
        assertFalse(message.contains("secret-value"), message);
        assertEquals(null, e.getCause(), "the server's exception would quote the value");

        assertEquals(0, db.count("shop.log"));
        assertEquals(List.of(List.of("1", "kept")), db.query("SELECT id, name FROM shop.items"));
        assertEquals("1", storedPos());
    }

    @Test
    void theOffsetMovesWithEachCommittedBatch() throws Exception {
        sink.apply(List.of(insert(items, 2, "2", "b", "2")), position(2));
        assertEquals("2", storedPos());
        sink.apply(List.of(), position(9));
        assertEquals("9", storedPos());
        assertEquals(Map.of("file", "mysql-bin.000001", "pos", 9),
                db.target.stateStore().committedOffset(PARTITION).orElseThrow());
    }

    @Test
    void aMissingTableIsFatal() throws Exception {
        db.execute("DROP TABLE shop.items");
        SinkException e = assertThrows(SinkException.class,
                () -> sink.apply(List.of(insert(items, 2, "2", "b", "2")), position(2)));
        assertFalse(e.transientFailure());
        assertTrue(e.getMessage().contains("42P01"), e.getMessage());
    }

    /**
     * The sink's backend is terminated while its batch waits for a lock the test holds: a connection loss in the
     * middle of a batch, which a retry on a new connection survives.
     */
    @Test
    void aTerminatedBackendIsTransientAndTheRetrySucceeds() throws Exception {
        try (Connection blocker = db.connect(); Statement lock = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            lock.execute("LOCK TABLE shop.items IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> sink.apply(List.of(
                    insert(log, 2, "ann", "x"), insert(items, 3, "2", "b", "2")), position(3)));
            terminate(waitForBlockedSinkBackend(blocker));
            ExecutionException failure = assertThrows(ExecutionException.class, () -> batch.get(30, TimeUnit.SECONDS));
            SinkException e = (SinkException) failure.getCause();
            assertTrue(e.transientFailure(), e.getMessage());
            assertTrue(e.getMessage().matches("(?s).*SQLSTATE (57P01|08\\d\\d\\d).*"), e.getMessage());
            blocker.rollback();
        }
        assertEquals(0, db.count("shop.log"));
        assertEquals("1", storedPos());

        sink.apply(List.of(insert(log, 2, "ann", "x"), insert(items, 3, "2", "b", "2")), position(3));
        assertEquals(1, db.count("shop.log"));
        assertEquals("3", storedPos());
    }

    private static int waitForBlockedSinkBackend(Connection observer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Statement query = observer.createStatement();
                    var rows = query.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name = 'tandem'"
                            + " AND wait_event_type = 'Lock'")) {
                if (rows.next()) {
                    return rows.getInt(1);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the sink never blocked on the lock");
    }

    private void terminate(int pid) throws Exception {
        try (Connection admin = db.connect(); Statement kill = admin.createStatement()) {
            kill.execute("SELECT pg_terminate_backend(" + pid + ")");
        }
    }
}
