package io.tandem.connectors.mysql.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.jdbc.TestSource;
import io.tandem.engine.model.TableId;
import io.tandem.engine.status.SnapshotProgressTracker;
import io.tandem.engine.status.TableProgress;
import io.tandem.engine.status.TableState;
import io.tandem.engine.values.NulPolicy;
import io.tandem.engine.values.ValuePolicies;
import io.tandem.engine.values.ZeroDatePolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotCopierTest {

    private String db;

    @BeforeEach
    void createDatabase() throws Exception {
        db = TestSource.server().createDatabase("snapshot_copier");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        TestSource.server().dropDatabase(db);
    }

    private static final ValuePolicies FAIL = new ValuePolicies(ZeroDatePolicy.FAIL, NulPolicy.FAIL);

    private UnstorableValueException copyExpectingRejection(CollectingTarget target) throws Exception {
        SnapshotException e = assertThrows(SnapshotException.class, () -> SnapshotFixture.copier(target,
                SnapshotFixture.tracker(), 1, FAIL).copy(SnapshotFixture.tables(db)));
        assertEquals(0, target.openLoads.get(), "every load committed or rolled back");
        return assertInstanceOf(UnstorableValueException.class, e.getCause());
    }

    @Test
    void zeroDateUnderPolicyFailStopsTheCopyNamingTableColumnKeyAndFixes() throws Exception {
        TestSource.execute(db, "CREATE TABLE events (id int PRIMARY KEY, happened date NOT NULL)",
                "INSERT INTO events VALUES (1, '2024-01-01'), (2, '0000-00-00'), (3, '2024-00-15')");
        CollectingTarget target = new CollectingTarget();
        UnstorableValueException e = copyExpectingRejection(target);
        TableId events = new TableId(db, "events");
        assertEquals(events, e.table());
        assertEquals("happened", e.column());
        assertEquals("id=2", e.rowKey());
        assertTrue(e.getMessage().startsWith(events + " column happened (id=2) holds '0000-00-00'"), e.getMessage());
        assertTrue(e.getMessage().contains("Fix: on the source, UPDATE `" + db + "`.`events` SET `happened` = NULL"
                + " WHERE `happened` = '0000-00-00'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("or set values.zero-dates: null, infinity or dead-letter."),
                e.getMessage());
        assertFalse(target.completed.containsKey(events));
        assertTrue(target.rolledBack.contains(events));
    }

    @Test
    void partialZeroDatesInATableWithoutKeyAreNamedByRowNumber() throws Exception {
        TestSource.execute(db, "CREATE TABLE log (at datetime(3))",
                "INSERT INTO log VALUES ('2024-01-01 00:00:00'), ('2024-05-00 10:00:00')");
        UnstorableValueException e = copyExpectingRejection(new CollectingTarget());
        assertEquals("row 2 of the copy (the table has no primary key)", e.rowKey());
        assertTrue(e.getMessage().contains("holds '2024-05-00 10:00:00.000'"), e.getMessage());
    }

    @Test
    void nulCharacterInTextIsRefusedUnderPolicyFail() throws Exception {
        TestSource.execute(db, "CREATE TABLE notes (id int PRIMARY KEY, body varchar(20))",
                "INSERT INTO notes VALUES (7, CONCAT('a', CHAR(0), 'b'))");
        UnstorableValueException e = copyExpectingRejection(new CollectingTarget());
        assertEquals("body", e.column());
        assertEquals("id=7", e.rowKey());
        assertTrue(e.getMessage().contains("U+0000 (NUL), which PostgreSQL text cannot store: 'a\\0b'"),
                e.getMessage());
    }

    @Test
    void skipsTablesAlreadyCopiedAndStreamsFromTheEarliestPosition() throws Exception {
        TestSource.execute(db, "CREATE TABLE a (id int PRIMARY KEY)", "CREATE TABLE b (id int PRIMARY KEY)",
                "CREATE TABLE c (id int PRIMARY KEY, v varchar(10))",
                "INSERT INTO a VALUES (1), (2)",
                "INSERT INTO c SELECT seq, 'x' FROM seq_1_to_3000");
        CollectingTarget target = new CollectingTarget();
        TableId a = new TableId(db, "a");
        TableId b = new TableId(db, "b");
        TableId c = new TableId(db, "c");
        Map<String, String> earlier = Map.of("file", "mysql-bin.000001", "pos", "4");
        target.completed.put(b, earlier);
        SnapshotProgressTracker progress = SnapshotFixture.tracker();

        SnapshotResult result = SnapshotFixture.copier(target, progress, 2).copy(SnapshotFixture.tables(db));

        assertEquals(2, target.rowsOf(a).size());
        assertEquals(3000, target.rowsOf(c).size());
        assertFalse(target.rows.containsKey(b), "b was not copied again");
        assertFalse(result.tables().get(b).copiedNow());
        assertEquals(earlier, result.streamStart().orElseThrow());
        assertEquals(new BinlogPosition("mysql-bin.000001", 4), result.streamStartPosition().orElseThrow());
        assertEquals(3002, result.rowsCopied());

        Map<String, String> position = result.tables().get(c).position();
        assertEquals(position, target.completed.get(c), "the position is committed with the rows");
        assertTrue(position.get("gtids").matches("\\d+-\\d+-\\d+(,\\d+-\\d+-\\d+)*"), position.toString());
        assertTrue(result.tables().get(a).binlogPosition().compareTo(new BinlogPosition("mysql-bin.000001", 4)) > 0);

        assertEquals(3, progress.overall().tablesDone());
        TableProgress cProgress = progress.tables().stream().filter(t -> t.table().equals(c.toString()))
                .findFirst().orElseThrow();
        assertEquals(TableState.COPIED, cProgress.state());
        assertEquals(3000, cProgress.rowsDone());
    }

    @Test
    void firstFailureCancelsTheOtherCopiesAndNamesItsTable() throws Exception {
        TestSource.execute(db, "CREATE TABLE big (id int PRIMARY KEY, v varchar(200))",
                "INSERT INTO big SELECT seq, REPEAT('x', 200) FROM seq_1_to_400000",
                "CREATE TABLE small (id int PRIMARY KEY)", "INSERT INTO small VALUES (1)",
                "CREATE TABLE bad (id int PRIMARY KEY, d date)", "INSERT INTO bad VALUES (1, '0000-00-00')",
                "ANALYZE TABLE big, small, bad");
        CollectingTarget target = new CollectingTarget();
        List<SnapshotTable> tables = SnapshotFixture.tables(db);
        SnapshotException e = assertThrows(SnapshotException.class,
                () -> SnapshotFixture.copier(target, SnapshotFixture.tracker(), 3, FAIL).copy(tables));
        assertEquals(new TableId(db, "bad"), e.table());
        assertTrue(e.getMessage().startsWith("copy of " + db + ".bad failed: "), e.getMessage());
        assertEquals(0, target.openLoads.get());
        assertFalse(target.completed.containsKey(new TableId(db, "bad")));
        assertTrue(target.rolledBack.contains(new TableId(db, "big")), "the big copy was cancelled, not finished");
    }
}
