package io.tandem.sink.postgres;

import static io.tandem.sink.postgres.Fixtures.insert;
import static io.tandem.sink.postgres.Fixtures.items;
import static io.tandem.sink.postgres.Fixtures.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.sink.SnapshotTarget;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.PolicyAction;
import io.tandem.engine.values.PolicyHit;
import io.tandem.engine.values.ValueIssue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rows a value policy changed or refused: recorded and counted only with the transaction that commits them. */
class PolicyDeadLetterTest {

    private TargetFixture db;
    private PostgresTarget target;
    private final Map<String, Long> counted = new ConcurrentHashMap<>();
    private final Map<TableId, Long> deadLettered = new ConcurrentHashMap<>();
    private final TargetTable items = items();

    @BeforeEach
    void open() throws Exception {
        db = TargetFixture.open("sink_policy");
        target = db.openAnother(PostgresTargetOptions.defaults()
                .withDeadLetterListener((table, rows) -> deadLettered.merge(table, rows, Long::sum))
                .withValuePolicyListener((table, column, issue, action, rows) -> counted.merge(
                        table + "." + column + " " + issue.label() + " " + action.label(), rows, Long::sum)));
        target.snapshotTarget().createTable(items);
    }

    @AfterEach
    void close() throws Exception {
        target.close();
        db.close();
    }

    private PolicyApplied stripped(long pos) {
        return new PolicyApplied(items, "insert", Map.of("id", "1"),
                List.of(new PolicyHit("name", ValueIssue.NUL_CHARACTER, PolicyAction.STRIP, "a\\0b")), position(pos));
    }

    private PolicyApplied refused(String operation, long pos) {
        return new PolicyApplied(items, operation, Map.of("id", "2"), List.of(
                new PolicyHit("name", ValueIssue.NUL_CHARACTER, PolicyAction.STRIP, "x\\0"),
                new PolicyHit("qty", ValueIssue.ZERO_DATE, PolicyAction.DEAD_LETTER, "0000-00-00")), position(pos));
    }

    @Test
    void aStreamedBatchRecordsRefusedRowsWithItsPositionAndCountsAfterCommit() throws Exception {
        target.changeSink().apply(List.of(stripped(1), insert(items, 1, "1", "ab", "1"), refused("insert", 2)),
                position(2));

        assertEquals(List.of(List.of("1", "ab", "1")), db.query("SELECT id, name, qty FROM shop.items"));
        assertEquals(List.of(List.of("shop.items", "insert", "{\"id\":\"2\"}", "qty", "0000-00-00",
                "zero-date: values.zero-dates is dead-letter", "2", "mysql-bin.000001:2")),
                db.query("SELECT table_name, operation, row_key, column_name, original_value, reason,"
                        + " source_position ->> 'pos', position_description FROM tandem.dead_letter"));
        assertEquals(Map.of("shop.items.name nul-character strip", 1L, "shop.items.qty zero-date dead-letter", 1L),
                counted, "the refused row counts only its dead-lettered value");
        assertEquals(Map.of(items.source(), 1L), deadLettered);
    }

    @Test
    void aSnapshotCopyRecordsRefusedRowsInItsOwnTransaction() throws Exception {
        try (SnapshotTarget.TableLoad abandoned = target.snapshotTarget().beginLoad(items)) {
            abandoned.policyApplied(refused("snapshot", 5));
        }
        assertEquals(0, db.count("tandem.dead_letter"), "an abandoned copy leaves no dead letter");
        assertTrue(counted.isEmpty(), "and counts nothing: " + counted);

        try (SnapshotTarget.TableLoad load = target.snapshotTarget().beginLoad(items)) {
            load.policyApplied(stripped(5));
            load.row(new String[] {"1", "ab", "1"});
            load.policyApplied(refused("snapshot", 5));
            load.commit(Map.of("file", "mysql-bin.000001", "pos", "5"));
        }
        assertEquals(1, db.count("shop.items"));
        assertEquals(List.of(List.of("snapshot", "qty", "0000-00-00")),
                db.query("SELECT operation, column_name, original_value FROM tandem.dead_letter"));
        assertEquals(1L, counted.get("shop.items.name nul-character strip"));
        assertEquals(Map.of(items.source(), 1L), deadLettered);
    }

    @Test
    void aDeadLetterTableOfAnEarlierTandemGetsTheNewColumns() throws Exception {
        db.execute("ALTER TABLE tandem.dead_letter DROP COLUMN column_name, DROP COLUMN original_value");
        try (PostgresTarget reopened = db.openAnother(PostgresTargetOptions.defaults())) {
            reopened.changeSink().apply(List.of(refused("update", 9)), position(9));
        }
        assertEquals(List.of(List.of("update", "qty")),
                db.query("SELECT operation, column_name FROM tandem.dead_letter"));
    }

    @Test
    void aBatchThatFailsLeavesNoDeadLetterAndCountsNothing() throws Exception {
        assertThrows(SinkException.class, () -> target.changeSink().apply(
                List.of(refused("insert", 3), insert(items, 4, "9", "x", "not-a-number")), position(4)));

        assertEquals(0, db.count("tandem.dead_letter"), "the record rolled back with the batch");
        assertTrue(counted.isEmpty(), counted.toString());
        assertTrue(deadLettered.isEmpty(), deadLettered.toString());
    }

    @Test
    void aCopyRefusingManyRowsRecordsThemInBatchesBetweenCopiesOfOneTransaction() throws Exception {
        try (SnapshotTarget.TableLoad load = target.snapshotTarget().beginLoad(items)) {
            for (int id = 1; id <= 2500; id++) {
                load.row(new String[] {Integer.toString(id), "kept", "1"});
                load.policyApplied(new PolicyApplied(items, "snapshot", Map.of("id", "-" + id), List.of(
                        new PolicyHit("qty", ValueIssue.ZERO_DATE, PolicyAction.DEAD_LETTER, "0000-00-00")),
                        position(5)));
            }
            load.commit(Map.of("file", "mysql-bin.000001", "pos", "5"));
        }
        assertEquals(2500, db.count("shop.items"));
        assertEquals(2500, db.count("tandem.dead_letter"));
        assertEquals(Map.of(items.source(), 2500L), deadLettered);
    }
}
