package io.tandem.sink.postgres;

import static io.tandem.sink.postgres.Fixtures.column;
import static io.tandem.sink.postgres.Fixtures.delete;
import static io.tandem.sink.postgres.Fixtures.insert;
import static io.tandem.sink.postgres.Fixtures.items;
import static io.tandem.sink.postgres.Fixtures.log;
import static io.tandem.sink.postgres.Fixtures.notNull;
import static io.tandem.sink.postgres.Fixtures.position;
import static io.tandem.sink.postgres.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.BadRowPolicy;
import io.tandem.engine.sink.ChangeSink;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private TargetFixture db;
    private PostgresTarget deadLettering;
    private final Map<TableId, Long> reported = new ConcurrentHashMap<>();
    private final TargetTable items = items();
    private final TargetTable log = log();
    private final TargetTable strict = table("shop", "strict", List.of(notNull("id", "integer", ValueKind.INTEGER),
            notNull("code", "character varying(3)", ValueKind.TEXT)), List.of("id"), List.of());

    @BeforeEach
    void open() throws Exception {
        db = TargetFixture.open("sink_dead");
        deadLettering = db.openAnother(PostgresTargetOptions.defaults().withOnBadRow(BadRowPolicy.DEAD_LETTER)
                .withDeadLetterListener((table, rows) -> reported.merge(table, rows, Long::sum)));
        for (TargetTable table : List.of(items, log, strict)) {
            deadLettering.snapshotTarget().createTable(table);
        }
    }

    @AfterEach
    void close() throws Exception {
        deadLettering.close();
        db.close();
    }

    @Test
    void recordsRefusedRowsAndAppliesTheRest() throws Exception {
        ChangeSink sink = deadLettering.changeSink();
        sink.apply(List.of(
                insert(items, 1, "1", "good", "1"),
                insert(items, 2, "2", "bad qty", "not-a-number"),
                insert(log, 3, "ann", "x"),
                insert(strict, 4, "1", "abcd"),
                insert(strict, 5, "2", "abc"),
                insert(strict, 6, "3", null),
                delete(items, 7, "1", "good", "1"),
                insert(items, 8, "1", "good again", "2")), position(8));

        assertEquals(List.of(List.of("1", "good again", "2")), db.query("SELECT id, name, qty FROM shop.items"));
        assertEquals(1, db.count("shop.log"));
        assertEquals(List.of(List.of("2", "abc")), db.query("SELECT id, code FROM shop.strict"));
        assertEquals("8", db.value("SELECT source_offset ->> 'pos' FROM tandem.offsets"));

        List<List<String>> dead = db.query("SELECT table_name, source_table, operation, row_key,"
                + " left(reason, 14), source_position ->> 'pos', position_description FROM tandem.dead_letter"
                + " ORDER BY id");
        assertEquals(List.of(
                List.of("shop.items", "shop.items", "insert", "{\"id\":\"2\"}", "SQLSTATE 22P02", "2",
                        "mysql-bin.000001:2"),
                List.of("shop.strict", "shop.strict", "insert", "{\"id\":\"1\"}", "SQLSTATE 22001", "4",
                        "mysql-bin.000001:4"),
                List.of("shop.strict", "shop.strict", "insert", "{\"id\":\"3\"}", "SQLSTATE 23502", "6",
                        "mysql-bin.000001:6")), dead);
        assertEquals(3, deadLettering.deadLetteredRows());
        assertEquals(Map.of(new TableId("shop", "items"), 1L, new TableId("shop", "strict"), 2L), reported);
    }

    @Test
    void failModeRefusesTheWholeBatch() throws Exception {
        SinkException e = assertThrows(SinkException.class, () -> db.target.changeSink().apply(List.of(
                insert(items, 1, "1", "good", "1"), insert(strict, 2, "1", "abcd")), position(2)));
        assertFalse(e.transientFailure());
        assertTrue(e.getMessage().contains("22001"), e.getMessage());
        assertEquals(0, db.count("shop.items"));
        assertEquals(0, db.count("tandem.dead_letter"));
    }

    @Test
    void errorsOtherThanBadDataStillFailTheBatch() throws Exception {
        TargetTable missing = table("shop", "missing", List.of(column("a", "text", ValueKind.TEXT)), List.of(),
                List.of());
        SinkException e = assertThrows(SinkException.class, () -> deadLettering.changeSink().apply(List.of(
                insert(items, 1, "1", "good", "1"), insert(missing, 2, "x")), position(2)));
        assertTrue(e.getMessage().contains("42P01"), e.getMessage());
        assertEquals(0, db.count("shop.items"));
        assertEquals(0, db.count("tandem.dead_letter"));
        assertEquals(0, deadLettering.deadLetteredRows());
    }
}
