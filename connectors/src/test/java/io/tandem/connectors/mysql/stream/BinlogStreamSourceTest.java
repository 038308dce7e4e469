package io.tandem.connectors.mysql.stream;

import static io.tandem.connectors.mysql.stream.Events.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.admin.ControlTables;
import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The binlog source against the real test server: ordering, boundaries, restarts, snapshot skips, DDL. */
class BinlogStreamSourceTest {

    @Test
    void streamsRowChangesTruncatesAndTransactionBoundariesInOrder() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_rows")) {
            h.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))", "CREATE TABLE other (id INT PRIMARY KEY)");
            Map<TableId, TargetTable> tables = h.mappedTables();
            h.initializeStart(h.currentPosition());
            h.start(tables, Map.of());
            h.execute("BEGIN", "INSERT INTO item VALUES (1, 'a'), (2, 'b')", "INSERT INTO other VALUES (1)", "COMMIT",
                    "UPDATE item SET name = 'c' WHERE id = 1",
                    "UPDATE item SET id = 3 WHERE id = 2",
                    "DELETE FROM item WHERE id = 1",
                    "TRUNCATE TABLE item");

            List<ChangeEvent> events = h.await(received -> !received.isEmpty()
                    && received.get(received.size() - 1) instanceof TransactionEnd
                    && received.stream().anyMatch(TruncateTable.class::isInstance));

            assertEquals(List.of(
                    "INSERT item [1, a]", "INSERT item [2, b]", "INSERT other [1]", "END",
                    "UPDATE item [1, a] -> [1, c]", "END",
                    // A key change arrives as delete + insert.
                    "DELETE item [2, b]", "INSERT item [3, b]", "END",
                    "DELETE item [1, c]", "END",
                    "TRUNCATE item", "END"), describe(events));
            TransactionEnd first = (TransactionEnd) events.get(3);
            assertEquals(first.transactionId(), first.position().offset().get("transaction_id"));
            assertEquals(StreamStart.partition(h.instance), first.position().partition());
            assertTrue(first.position().description().matches(".+\\.\\d+:\\d+"), first.position().description());
        }
    }

    @Test
    void controlRowsBecomeControlEventsInSourceOrderAndNeverReplicatedTables() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_control")) {
            // A control database of this test's own, so other tests' heartbeats stay out of its stream.
            String control = "ctl_" + h.database;
            try (Connection admin = h.server.connect(h.database)) {
                new ControlTables(control).create(admin);
            }
            try {
                streamControlRows(h, control);
            } finally {
                h.server.dropDatabase(control);
            }
        }
    }

    private static void streamControlRows(StreamHarness h, String control) throws Exception {
        String heartbeat = "`" + control + "`.heartbeat";
        h.controlDatabase = control;
        h.execute("CREATE TABLE item (id INT PRIMARY KEY)");
        Map<TableId, TargetTable> tables = h.mappedTables();
        h.initializeStart(h.currentPosition());
        h.start(tables, Map.of());
        h.execute("BEGIN", "INSERT INTO item VALUES (1)",
                "INSERT INTO " + heartbeat + " VALUES ('" + h.instance + "', 7, 1000)",
                "INSERT INTO " + heartbeat + " VALUES ('another-instance', 1, 1000)",
                "INSERT INTO `" + control + "`.fence VALUES ('F-1', 1000)",
                "INSERT INTO item VALUES (2)", "COMMIT",
                "UPDATE " + heartbeat + " SET seq = 8, written_at = 2000 WHERE instance = '" + h.instance + "'",
                "DELETE FROM `" + control + "`.fence");

        List<ChangeEvent> events = h.await(received -> received.stream()
                .filter(event -> event instanceof Heartbeat beat && beat.seq() == 8).count() == 1
                && received.get(received.size() - 1) instanceof TransactionEnd);

        // Another instance's heartbeat and the fence's delete carry nothing; the DELETE's transaction still ends.
        assertEquals(List.of("INSERT item [1]", "HEARTBEAT " + h.instance + " 7 @1000", "FENCE F-1",
                "INSERT item [2]", "END", "HEARTBEAT " + h.instance + " 8 @2000", "END"),
                describe(events).subList(0, 7));
    }

    @Test
    void restartResumesAfterTheCommittedTransactionWithoutGapOrDuplicate() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_restart")) {
            h.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            Map<TableId, TargetTable> tables = h.mappedTables();
            h.initializeStart(h.currentPosition());
            h.start(tables, Map.of());
            h.execute("INSERT INTO t VALUES (1, 10)", "INSERT INTO t VALUES (2, 20)");
            h.awaitTransactions(2);
            // The sink applied the first transaction only, then the daemon stopped.
            h.commitTransaction(1);
            h.stop();
            int historyRecords = h.store.schemaHistory().size();
            h.execute("INSERT INTO t VALUES (3, 30)", "UPDATE t SET v = 11 WHERE id = 1");

            h.start(tables, Map.of());
            List<ChangeEvent> events = h.awaitTransactions(3);
            assertEquals(List.of("INSERT t [2, 20]", "END", "INSERT t [3, 30]", "END", "UPDATE t [1, 10] -> [1, 11]", "END"),
                    describe(events));
            assertEquals(historyRecords, h.store.schemaHistory().size(), "the restart replays the history, no new recovery");

            // And once more from the last boundary: nothing is repeated, the next change follows.
            h.commitLastTransaction();
            h.stop();
            h.execute("DELETE FROM t WHERE id = 3");
            h.start(tables, Map.of());
            assertEquals(List.of("DELETE t [3, 30]", "END"), describe(h.awaitTransactions(1)));
        }
    }

    @Test
    void aDroppedBinlogConnectionReconnectsWithoutLosingOrRepeatingAnything() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_rewind")) {
            h.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            Map<TableId, TargetTable> tables = h.mappedTables();
            h.initializeStart(h.currentPosition());
            BinlogStreamSource source = h.start(tables, Map.of());
            h.execute("INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)");
            h.awaitTransactions(2);
            // The sink is behind: were the reader to restart from the stored offset, the second insert would repeat.
            h.commitTransaction(1);

            h.killBinlogReaders();
            h.execute("INSERT INTO t VALUES (3)");

            List<ChangeEvent> events = h.awaitTransactions(3);
            assertEquals(List.of("INSERT t [1]", "END", "INSERT t [2]", "END", "INSERT t [3]", "END"), describe(events));
            assertTrue(!source.stopped().isDone(), "the reader recovered by itself");
        }
    }

    @Test
    void aSchemaRecoveryInterruptedOnTheFirstStartRunsAgain() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_recover")) {
            h.execute("CREATE TABLE a (id INT PRIMARY KEY)", "CREATE TABLE b (id INT PRIMARY KEY)");
            Map<TableId, TargetTable> tables = h.mappedTables();
            h.initializeStart(h.currentPosition());
            h.store.failHistoryAppendsAfter(3);
            BinlogStreamSource first = h.start(tables, Map.of());
            assertThrows(ExecutionException.class, () -> first.stopped().get(StreamHarness.WAIT.toSeconds(), TimeUnit.SECONDS));
            h.stop();
            assertEquals(3, h.store.schemaHistory().size());

            h.store.failHistoryAppendsAfter(Integer.MAX_VALUE);
            h.start(tables, Map.of());
            h.execute("INSERT INTO b VALUES (1)");
            assertEquals(List.of("INSERT b [1]", "END"), describe(h.awaitTransactions(1)));
        }
    }

    @Test
    void dropsExactlyTheChangesATablesCopyAlreadyHas() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_skip")) {
            h.execute("CREATE TABLE a (id INT PRIMARY KEY)", "CREATE TABLE b (id INT PRIMARY KEY)");
            Map<TableId, TargetTable> tables = h.mappedTables();
            Map<String, String> start = h.currentPosition();
            h.execute("BEGIN", "INSERT INTO a VALUES (1)", "INSERT INTO b VALUES (1)", "COMMIT",
                    "TRUNCATE TABLE b",
                    "DROP TABLE b", "CREATE TABLE b (id INT PRIMARY KEY)",
                    "BEGIN", "INSERT INTO a VALUES (2)", "INSERT INTO b VALUES (5)", "COMMIT");
            BinlogPosition bCopiedAt = h.currentBinlogPosition();
            h.execute("BEGIN", "INSERT INTO b VALUES (2)", "INSERT INTO a VALUES (3)", "COMMIT");

            h.initializeStart(start);
            BinlogStreamSource source = h.start(tables, Map.of(h.table("a"), BinlogPosition.of(start), h.table("b"), bCopiedAt));
            List<ChangeEvent> events = h.await(received -> received.stream()
                    .anyMatch(e -> describe(e).equals("INSERT a [3]")) && received.get(received.size() - 1) instanceof TransactionEnd);

            assertEquals(List.of("INSERT a [1]", "END", "INSERT a [2]", "END", "INSERT b [2]", "INSERT a [3]", "END"),
                    describe(events));
            // b's copy has its insert 1, the truncate, its re-creation and insert 5: none of them is replayed.
            assertEquals(5, source.skippedSnapshotEvents());
        }
    }

    @Test
    void anUntranslatableAlterOnAReplicatedTableStopsWithTheStatementAndPosition() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_alter")) {
            h.execute("CREATE TABLE film (id INT PRIMARY KEY)");
            Map<TableId, TargetTable> tables = h.mappedTables();
            h.initializeStart(h.currentPosition());
            BinlogStreamSource source = h.start(tables, Map.of());
            h.execute("INSERT INTO film VALUES (1)");
            // Streaming must be under way: an ALTER during the start would be in the schema the connector reads.
            h.awaitTransactions(1);
            BinlogPosition alterAt = h.currentBinlogPosition();
            // Existing rows get the statement's time on the source; the target could only give them another.
            h.execute("ALTER TABLE film ADD COLUMN at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP",
                    "INSERT INTO film VALUES (2, NULL)");

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> source.stopped().get(StreamHarness.WAIT.toSeconds(), TimeUnit.SECONDS));
            UnsupportedSchemaChangeException cause = assertInstanceOf(UnsupportedSchemaChangeException.class, failure.getCause());
            assertTrue(cause.getMessage().startsWith("schema change on " + h.database + ".film is not supported yet: "
                    + "ALTER TABLE film ADD COLUMN at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP at " + alterAt.file() + ":"),
                    cause.getMessage());
            assertEquals(List.of("INSERT film [1]", "END"), describe(h.await(received -> received.size() >= 2)));
        }
    }

    @Test
    void tablesCreatedWhileStreamingAreCreatedThenReplicatedThenDropped() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_ddl")) {
            h.execute("CREATE TABLE keep (id INT PRIMARY KEY)");
            Map<TableId, TargetTable> tables = h.mappedTables();
            h.initializeStart(h.currentPosition());
            h.start(tables, Map.of());
            h.execute("INSERT INTO keep VALUES (1)");
            h.awaitTransactions(1); // streaming: the CREATE below must come from the binlog, not the schema read
            h.execute("CREATE TABLE fresh (id INTEGER UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, flag BOOL, "
                            + "ratio REAL, amount DEC(7,2) DEFAULT 1.5, kind ENUM('a','it''s') DEFAULT 'it''s', "
                            + "at DATETIME(6))",
                    "INSERT INTO fresh (flag, ratio, amount, kind, at) VALUES (2, 0.1, 12.5, 'it''s', '2024-01-02 03:04:05.000006')",
                    "DROP TABLE fresh");

            List<ChangeEvent> events = h.await(received -> received.stream().anyMatch(e -> describe(e).equals("DROP fresh")));
            assertEquals(List.of("INSERT keep [1]", "END", "CREATE fresh", "END", "INSERT fresh [1, 2, 0.1, 12.50, it's, 2024-01-02 03:04:05.000006]", "END",
                    "DROP fresh", "END"), describe(events));
            TargetTable fresh = ((io.tandem.engine.change.CreateTable) events.get(2)).table();
            assertEquals(List.of("bigint", "smallint", "double precision", "numeric(7,2)", "text", "timestamp(6) without time zone"),
                    fresh.columns().stream().map(c -> c.pgType()).toList());
            assertEquals(Arrays.asList(null, null, null, "1.5", "'it''s'", null),
                    fresh.columns().stream().map(c -> c.defaultSql()).toList());
            assertTrue(fresh.columns().get(0).identity());
            assertEquals(List.of("id"), fresh.primaryKey());
        }
    }

    /**
     * Debezium writes the ids of these tables unquoted ({@code "db"."q}, {@code "db"."x"}), and its TableId.parse
     * cannot read them back: not in the stream's schema-change records, not when it replays its history on a restart.
     */
    @Test
    void tablesNamedWithDoubleQuotesAreCreatedAlteredStreamedAndReplayedAfterARestart() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_quotes")) {
            h.execute("CREATE TABLE keep (id INT PRIMARY KEY)");
            h.initializeStart(h.currentPosition());
            h.start(h.mappedTables(), Map.of());
            h.execute("INSERT INTO keep VALUES (1)");
            h.awaitTransactions(1);
            h.execute("CREATE TABLE `\"q` (id INT PRIMARY KEY, v VARCHAR(5))", "INSERT INTO `\"q` VALUES (1, 'a')",
                    "CREATE TABLE `\"x\"` (id INT PRIMARY KEY)", "ALTER TABLE `\"x\"` ADD COLUMN `n\"` INT",
                    "INSERT INTO `\"x\"` VALUES (2, 3)", "RENAME TABLE `\"q` TO `q\"`", "INSERT INTO `q\"` VALUES (4, 'b')");

            List<String> events = describe(h.await(received -> received.stream()
                    .anyMatch(e -> describe(e).equals("INSERT q\" [4, b]"))));
            assertEquals(List.of("INSERT keep [1]", "END", "CREATE \"q", "END", "INSERT \"q [1, a]", "END",
                    "CREATE \"x\"", "END"), events.subList(0, 8));
            assertTrue(events.get(8).startsWith("ALTER \"x\" [AddColumn"), events.get(8));
            assertEquals(List.of("END", "INSERT \"x\" [2, 3]", "END", "RENAME \"q -> q\"", "END", "INSERT q\" [4, b]"),
                    events.subList(9, 15));

            // The restart replays Debezium's history, which now holds these tables.
            h.commitLastTransaction();
            h.stop();
            h.execute("INSERT INTO `q\"` VALUES (5, 'c')", "UPDATE `\"x\"` SET `n\"` = 4");
            h.start(h.mappedTables(), Map.of());
            assertEquals(List.of("INSERT q\" [5, c]", "END", "UPDATE \"x\" [2, 3] -> [2, 4]", "END"),
                    describe(h.awaitTransactions(2)));
        }
    }

    @Test
    void aSchemaChangedAfterTheSnapshotPositionStopsTheFirstStart() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_drift")) {
            h.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            Map<TableId, TargetTable> tables = h.mappedTables();
            h.initializeStart(h.currentPosition());
            h.execute("ALTER TABLE t ADD COLUMN late INT");
            BinlogStreamSource source = h.start(tables, Map.of());

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> source.stopped().get(StreamHarness.WAIT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(failure.getCause().getMessage().contains("changed after the snapshot position"), failure.getCause().getMessage());
        }
    }

    @Test
    void aTableTheFilterWantsButTheCopyLacksStopsTheStream() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_missing")) {
            h.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            Map<TableId, TargetTable> tables = h.mappedTables();
            h.initializeStart(h.currentPosition());
            h.execute("CREATE TABLE late (id INT PRIMARY KEY)", "INSERT INTO late VALUES (1)");
            BinlogStreamSource source = h.start(tables, Map.of());

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> source.stopped().get(StreamHarness.WAIT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(failure.getCause().getMessage().contains(h.database + ".late matches the table filter but was not copied"),
                    failure.getCause().getMessage());
        }
    }

    @Test
    void closeIsPromptWhileTheHandlerIsBlockedByBackPressure() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_close")) {
            h.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            Map<TableId, TargetTable> tables = h.mappedTables();
            h.initializeStart(h.currentPosition());
            CountDownLatch entered = new CountDownLatch(1);
            BinlogStreamSource source = h.start(tables, Map.of(), events -> {
                entered.countDown();
                new CountDownLatch(1).await(); // a pipeline queue that never drains
            });
            h.execute("INSERT INTO t VALUES (1)");
            assertTrue(entered.await(StreamHarness.WAIT.toSeconds(), TimeUnit.SECONDS));

            long started = System.nanoTime();
            source.close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(source.stopped().isDone() && !source.stopped().isCompletedExceptionally(), "stopped normally");
            assertTrue(millis < 15_000, "close took " + millis + " ms");
        }
    }

    @Test
    void refusesToStartWithoutAStoredPosition() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_nopos")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.start(Map.of(), Map.of()));
            assertTrue(e.getMessage().contains("no stored source offset"), e.getMessage());
        }
    }

    @Test
    void aSwapThroughATemporaryNameArrivesAsEveryPairInStatementOrder() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_swap")) {
            h.execute("CREATE TABLE a (id INT PRIMARY KEY)", "CREATE TABLE b (id INT PRIMARY KEY, v INT)");
            Map<TableId, TargetTable> tables = h.mappedTables();
            h.initializeStart(h.currentPosition());
            h.start(tables, Map.of());
            h.execute("INSERT INTO a VALUES (1)");
            h.awaitTransactions(1);
            // Debezium 3.5 reports one record per pair at the statement's position; the pair into the temporary
            // name carries no table changes, since that name is gone by the end of the statement.
            h.execute("RENAME TABLE a TO tmp, b TO a, tmp TO b", "INSERT INTO a VALUES (2, 3)", "INSERT INTO b VALUES (4)");

            // They form one transaction: the target never commits a table under the temporary name.
            List<ChangeEvent> events = h.await(received -> received.stream().anyMatch(e -> describe(e).equals("INSERT b [4]")));
            assertEquals(List.of("INSERT a [1]", "END", "RENAME a -> tmp", "RENAME b -> a", "RENAME tmp -> b", "END",
                    "INSERT a [2, 3]", "END", "INSERT b [4]"), describe(events).subList(0, 9));

            // Resuming right after the swap must apply none of its pairs again, neither on the target nor to
            // Debezium's schema (which would swap back and decode the next rows with the other table's columns).
            h.commitTransaction(2);
            Map<String, ?> swapEnd = ((TransactionEnd) events.get(5)).position().offset();
            assertEquals(null, swapEnd.get(StreamStart.EVENT), "the swap's boundary resumes after the statement: " + swapEnd);
            h.stop();
            h.execute("INSERT INTO b VALUES (5)");
            h.start(h.mappedTables(), Map.of()); // the definitions as committed with the swap
            List<ChangeEvent> resumed = h.await(received -> received.stream().anyMatch(e -> describe(e).equals("INSERT b [5]")));
            assertEquals(List.of("INSERT a [2, 3]", "END", "INSERT b [4]", "END", "INSERT b [5]", "END"), describe(resumed));
        }
    }

    @Test
    void withSkipAnUntranslatableStatementBecomesARecordAndTheStreamGoesOn() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_skip")) {
            h.execute("CREATE TABLE film (id INT PRIMARY KEY)");
            Map<TableId, TargetTable> tables = h.mappedTables();
            h.initializeStart(h.currentPosition());
            h.onUnsupportedDdl = io.tandem.engine.config.DdlConfig.UnsupportedDdlPolicy.SKIP;
            h.start(tables, Map.of());
            h.execute("INSERT INTO film VALUES (1)");
            h.awaitTransactions(1);
            h.execute("ALTER TABLE film MODIFY id INT NOT NULL AUTO_INCREMENT", "INSERT INTO film VALUES (2)");

            List<ChangeEvent> events = h.await(received -> received.stream().anyMatch(e -> describe(e).equals("INSERT film [2]")));
            assertEquals(List.of("INSERT film [1]", "END", "SKIPPED film: ALTER TABLE film MODIFY id INT NOT NULL AUTO_INCREMENT",
                    "END", "INSERT film [2]"), describe(events).subList(0, 5));
            io.tandem.engine.change.SkippedSchemaChange skipped = (io.tandem.engine.change.SkippedSchemaChange) events.get(2);
            assertTrue(skipped.reason().contains("becomes AUTO_INCREMENT"), skipped.reason());
            assertTrue(skipped.reason().contains(" at " + skipped.position().description()), skipped.reason());
        }
    }
}
