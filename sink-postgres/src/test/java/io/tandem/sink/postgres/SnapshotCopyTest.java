package io.tandem.sink.postgres;

import static io.tandem.sink.postgres.Fixtures.column;
import static io.tandem.sink.postgres.Fixtures.notNull;
import static io.tandem.sink.postgres.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.sink.SnapshotTarget;
import io.tandem.engine.sink.SnapshotTarget.TableLoad;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotCopyTest {

    /** Text that breaks naive COPY or quoting, each with the text PostgreSQL must hold afterwards. */
    static final List<String> AWKWARD = List.of(
            "plain", "tab\there", "new\nline", "carriage\rreturn", "crlf\r\n", "back\\slash", "\\N", "\\.",
            "'single' \"double\"", "emoji 😀 and 𝄞", "ümlaut €", "", " ", "trailing\\", "a,b;c|d");

    private TargetFixture db;

    @BeforeEach
    void open() throws Exception {
        db = TargetFixture.open("sink_copy");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    static TargetTable values() {
        return table("snap", "vals", List.of(
                notNull("id", "integer", ValueKind.INTEGER),
                column("t", "text", ValueKind.TEXT),
                column("b", "bytea", ValueKind.BYTES),
                column("j", "jsonb", ValueKind.JSON),
                new TargetColumn("skipped", "skipped", "text", ValueKind.TEXT, true, "'computed'", false, false)),
                List.of("id"), List.of());
    }

    /** Rows of {@link #values()}: every awkward text, then NULL, then bytea edge cases. */
    static List<String[]> awkwardRows() {
        List<String[]> rows = new ArrayList<>();
        for (String text : AWKWARD) {
            rows.add(new String[] {String.valueOf(rows.size() + 1), text, "\\x", "{\"k\": \"" + rows.size() + "\"}",
                    "ignored"});
        }
        rows.add(new String[] {String.valueOf(rows.size() + 1), null, null, null, null});
        rows.add(new String[] {String.valueOf(rows.size() + 1), "x", "\\x005c0a0d09ff", "[1, \"a\\tb\"]", "i"});
        return rows;
    }

    /** Asserts the table holds exactly {@link #awkwardRows()}, compared as text PostgreSQL prints. */
    static void assertAwkwardRows(TargetFixture db) throws Exception {
        List<String[]> expected = awkwardRows();
        List<List<String>> actual = db.query("SELECT id, t, b, j, skipped FROM snap.vals ORDER BY id");
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            String[] row = expected.get(i);
            assertEquals(row[1], actual.get(i).get(1), "text of row " + row[0]);
            assertEquals(row[2], actual.get(i).get(2), "bytea of row " + row[0]);
        }
        assertEquals("[1, \"a\\tb\"]", actual.get(actual.size() - 1).get(3));
        assertEquals("", actual.get(AWKWARD.indexOf("")).get(1), "empty string is not NULL");
        assertEquals(null, actual.get(AWKWARD.size()).get(1));
        assertTrue(actual.stream().allMatch(r -> "computed".equals(r.get(4))), "unreplicated column keeps default");
        assertEquals("\\x005c0a0d09ff", db.value("SELECT b FROM snap.vals WHERE length(b) = 6"));
    }

    @Test
    void copiesAwkwardTextNullsAndBytesExactly() throws Exception {
        SnapshotTarget snapshot = db.target.snapshotTarget();
        snapshot.createTable(values());
        try (TableLoad load = snapshot.beginLoad(values())) {
            for (String[] row : awkwardRows()) {
                load.row(row);
            }
            load.commit(Map.of("file", "mysql-bin.000002", "pos", "77"));
        }
        assertAwkwardRows(db);
        assertEquals(List.of(List.of("17", "{\"pos\": \"77\", \"file\": \"mysql-bin.000002\"}")),
                db.query("SELECT rows_copied, source_position::text FROM tandem.snapshot_tables"));
        assertEquals(Map.of(new TableId("snap", "vals"), Map.of("file", "mysql-bin.000002", "pos", "77")),
                snapshot.completedTables());
    }

    @Test
    void aLoadEmptiesTheTableFirstAndAnUncommittedLoadLeavesNothing() throws Exception {
        SnapshotTarget snapshot = db.target.snapshotTarget();
        snapshot.createTable(values());
        db.execute("INSERT INTO snap.vals (id, t) VALUES (100, 'left over from an earlier attempt')");

        try (TableLoad load = snapshot.beginLoad(values())) {
            load.row(new String[] {"1", "a", null, null, null});
            // closed without commit: rolled back, the earlier row stays and no mark appears
        }
        assertEquals(List.of(List.of("100")), db.query("SELECT id FROM snap.vals"));
        assertTrue(snapshot.completedTables().isEmpty());

        try (TableLoad load = snapshot.beginLoad(values())) {
            load.row(new String[] {"1", "a", null, null, null});
            load.commit(Map.of("pos", "1"));
        }
        assertEquals(List.of(List.of("1")), db.query("SELECT id FROM snap.vals"));
    }

    @Test
    void aRejectedValueFailsTheLoadWithoutQuotingIt() throws Exception {
        SnapshotTarget snapshot = db.target.snapshotTarget();
        snapshot.createTable(values());
        SinkException e = assertThrows(SinkException.class, () -> {
            try (TableLoad load = snapshot.beginLoad(values())) {
                load.row(new String[] {"1", "ok", null, null, null});
                load.row(new String[] {"secret-not-a-number", "ok", null, null, null});
                load.commit(Map.of("pos", "1"));
            }
        });
        assertTrue(e.getMessage().contains("22P02") && e.getMessage().contains("snap.vals"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), e.getMessage());
        assertEquals(0, db.count("snap.vals"));
        assertTrue(snapshot.completedTables().isEmpty());
    }
}
