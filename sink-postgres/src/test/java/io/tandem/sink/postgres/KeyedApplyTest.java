package io.tandem.sink.postgres;

import static io.tandem.sink.postgres.Fixtures.column;
import static io.tandem.sink.postgres.Fixtures.delete;
import static io.tandem.sink.postgres.Fixtures.insert;
import static io.tandem.sink.postgres.Fixtures.items;
import static io.tandem.sink.postgres.Fixtures.notNull;
import static io.tandem.sink.postgres.Fixtures.position;
import static io.tandem.sink.postgres.Fixtures.row;
import static io.tandem.sink.postgres.Fixtures.table;
import static io.tandem.sink.postgres.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.sink.ChangeSink;
import io.tandem.engine.transform.TargetIndex;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyedApplyTest {

    private TargetFixture db;
    private ChangeSink sink;
    private final TargetTable items = items();

    @BeforeEach
    void open() throws Exception {
        db = TargetFixture.open("sink_keyed");
        db.target.snapshotTarget().createTable(items);
        sink = db.target.changeSink();
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private List<List<String>> itemRows() throws Exception {
        return db.query("SELECT id, name, qty FROM shop.items ORDER BY id");
    }

    @Test
    void reducesEachKeyToItsFinalState() throws Exception {
        sink.apply(List.of(
                insert(items, 1, "1", "a", "1"),
                insert(items, 2, "2", "b", "2"),
                insert(items, 3, "3", "c", "3"),
                new TransactionEnd("tx1", position(3)),
                update(items, 4, row("2", "b", "2"), row("2", "b2", "20")),
                update(items, 5, row("2", "b2", "20"), row("2", "b3", "30")),
                delete(items, 6, "3", "c", "3"),
                new TransactionEnd("tx2", position(6))), position(6));

        assertEquals(List.of(List.of("1", "a", "1"), List.of("2", "b3", "30")), itemRows());
    }

    @Test
    void insertDeleteInsertOfOneKeyEndsWithTheLastImage() throws Exception {
        sink.apply(List.of(insert(items, 1, "1", "old", "1")), position(1));

        sink.apply(List.of(
                delete(items, 2, "1", "old", "1"),
                insert(items, 3, "1", "again", "2"),
                delete(items, 4, "1", "again", "2"),
                insert(items, 5, "1", "last", null),
                insert(items, 6, "5", "five", "5"),
                delete(items, 7, "5", "five", "5")), position(7));

        assertEquals(List.of(Arrays.asList("1", "last", null)), itemRows());
    }

    @Test
    void anUpdateThatChangesTheKeyMovesTheRow() throws Exception {
        sink.apply(List.of(insert(items, 1, "1", "a", "1"), insert(items, 2, "2", "b", "2")), position(2));

        sink.apply(List.of(
                update(items, 3, row("1", "a", "1"), row("10", "a", "1")),
                update(items, 4, row("2", "b", "2"), row("1", "b", "2"))), position(4));
        assertEquals(List.of(List.of("1", "b", "2"), List.of("10", "a", "1")), itemRows());

        // And back within one batch: the key 10 goes, 1 is rewritten.
        sink.apply(List.of(
                delete(items, 5, "1", "b", "2"),
                update(items, 6, row("10", "a", "1"), row("1", "a", "1"))), position(6));
        assertEquals(List.of(List.of("1", "a", "1")), itemRows());
    }

    @Test
    void largeBatchesAreWrittenInChunks() throws Exception {
        try (PostgresTarget small = db.openAnother(PostgresTargetOptions.defaults().withMaxRowsPerStatement(7))) {
            List<ChangeEvent> events = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                events.add(insert(items, i, String.valueOf(i), "n" + i, String.valueOf(i)));
            }
            for (int i = 0; i < 100; i += 2) {
                events.add(update(items, 100 + i, row(String.valueOf(i), "n" + i, String.valueOf(i)),
                        row(String.valueOf(i), "even", "0")));
            }
            for (int i = 0; i < 100; i += 3) {
                events.add(delete(items, 200 + i, String.valueOf(i), "x", "x"));
            }
            small.changeSink().apply(events, position(300));
        }
        assertEquals("66", db.value("SELECT count(*) FROM shop.items"));
        assertEquals("33", db.value("SELECT count(*) FROM shop.items WHERE name = 'even'"));
        assertEquals("0", db.value("SELECT count(*) FROM shop.items WHERE id % 3 = 0"));
    }

    @Test
    void truncateIsABarrier() throws Exception {
        sink.apply(List.of(
                insert(items, 1, "1", "a", "1"),
                insert(items, 2, "2", "b", "2"),
                new TruncateTable(items, position(3)),
                insert(items, 4, "3", "c", "3"),
                update(items, 5, row("3", "c", "3"), row("3", "c", "4"))), position(5));

        assertEquals(List.of(List.of("3", "c", "4")), itemRows());
    }

    @Test
    void aTableWhoseColumnsAreAllKeyIgnoresRepeatedInserts() throws Exception {
        TargetTable link = table("shop", "link", List.of(notNull("a", "integer", ValueKind.INTEGER),
                notNull("b", "integer", ValueKind.INTEGER)), List.of("a", "b"), List.of());
        db.target.snapshotTarget().createTable(link);
        sink.apply(List.of(insert(link, 1, "1", "2"), insert(link, 2, "1", "3")), position(2));
        sink.apply(List.of(insert(link, 3, "1", "2"), delete(link, 4, "1", "3")), position(4));

        assertEquals(List.of(List.of("1", "2")), db.query("SELECT a, b FROM shop.link"));
    }

    /**
     * Source order: k1 gives up email x, k2 takes x, then k1 changes again. Writing k1 at its last occurrence
     * would put k2's x in before k1 released it; the unique index makes the sink keep source order instead.
     */
    @Test
    void keepsSourceOrderOnTablesWithAnotherUniqueIndex() throws Exception {
        TargetTable users = table("shop", "users", List.of(notNull("id", "integer", ValueKind.INTEGER),
                column("email", "text", ValueKind.TEXT), column("n", "integer", ValueKind.INTEGER)),
                List.of("id"), List.of(new TargetIndex("email", "users_email", true, List.of("email"))));
        db.target.snapshotTarget().createTable(users);
        sink.apply(List.of(insert(users, 1, "1", "x", "0")), position(1));

        sink.apply(List.of(
                update(users, 2, row("1", "x", "0"), row("1", "y", "0")),
                insert(users, 3, "2", "x", "0"),
                update(users, 4, row("1", "y", "0"), row("1", "y", "1"))), position(4));

        assertEquals(List.of(List.of("1", "y", "1"), List.of("2", "x", "0")),
                db.query("SELECT id, email, n FROM shop.users ORDER BY id"));
    }

    @Test
    void awkwardValuesRoundTripThroughTheArrayParameters() throws Exception {
        TargetTable values = SnapshotCopyTest.values();
        db.target.snapshotTarget().createTable(values);
        List<ChangeEvent> events = new ArrayList<>();
        for (String[] row : SnapshotCopyTest.awkwardRows()) {
            events.add(insert(values, events.size(), row));
        }
        sink.apply(events, position(100));

        SnapshotCopyTest.assertAwkwardRows(db);
    }
}
