package io.tandem.sink.postgres;

import static io.tandem.sink.postgres.Fixtures.delete;
import static io.tandem.sink.postgres.Fixtures.insert;
import static io.tandem.sink.postgres.Fixtures.position;
import static io.tandem.sink.postgres.Fixtures.row;
import static io.tandem.sink.postgres.Fixtures.table;
import static io.tandem.sink.postgres.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.BadRowPolicy;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.sink.SnapshotTarget;
import io.tandem.engine.sink.SnapshotTarget.TableLoad;
import io.tandem.engine.transform.ColumnOverride;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Overridden columns on every write path: a BINARY(16) key stored as uuid through an expression, an INT of epoch
 * seconds stored as timestamptz through an expression, a TINYINT(1) stored as boolean by a plain cast.
 */
class ColumnOverrideSinkTest {

    private static final String UUID_FROM_HEX = "substr(value, 3)::uuid";
    private static final String FROM_EPOCH = "to_timestamp(value::bigint)";

    /** {@code ov.events (code uuid key ← bytes, created timestamptz ← epoch, paid boolean ← 0/1, note text)}. */
    private final TargetTable events = table("ov", "events", List.of(
            overridden("code", ValueKind.BYTES, "uuid", UUID_FROM_HEX, false),
            overridden("created", ValueKind.INTEGER, "timestamptz", FROM_EPOCH, true),
            overridden("paid", ValueKind.INTEGER, "boolean", null, true),
            new TargetColumn("note", "note", "text", ValueKind.TEXT, true, null, false, true)),
            List.of("code"), List.of());

    /** {@code ov.ticks (at timestamptz ← epoch, flag boolean ← 0/1)} without a key. */
    private final TargetTable ticks = table("ov", "ticks", List.of(
            overridden("at", ValueKind.INTEGER, "timestamptz", FROM_EPOCH, true),
            overridden("flag", ValueKind.INTEGER, "boolean", null, true)), List.of(), List.of());

    private static final String A = "\\x0123456789abcdef0123456789abcdef";
    private static final String A_UUID = "01234567-89ab-cdef-0123-456789abcdef";
    private static final String B = "\\xfedcba9876543210fedcba9876543210";
    private static final String B_UUID = "fedcba98-7654-3210-fedc-ba9876543210";

    private TargetFixture db;

    @BeforeEach
    void open() throws Exception {
        db = TargetFixture.open("sink_override");
        db.execute("SET TIME ZONE 'UTC'");
        db.target.snapshotTarget().createTable(events);
        db.target.snapshotTarget().createTable(ticks);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private static TargetColumn overridden(String name, ValueKind kind, String type, String using, boolean nullable) {
        return new TargetColumn(name, name, type, kind, nullable, null, false, true, new ColumnOverride(type, using));
    }

    private List<List<String>> eventRows() throws Exception {
        return db.query("SELECT code::text, extract(epoch FROM created)::bigint::text, paid::text, note"
                + " FROM ov.events ORDER BY code");
    }

    @Test
    void createsTheOverrideTypes() throws Exception {
        assertEquals(List.of(List.of("code", "uuid"), List.of("created", "timestamp with time zone"),
                        List.of("paid", "boolean"), List.of("note", "text")),
                db.query("SELECT column_name, data_type FROM information_schema.columns"
                        + " WHERE table_schema = 'ov' AND table_name = 'events' ORDER BY ordinal_position"));
    }

    @Test
    void snapshotConvertsThroughAStagingTableInTheSameTransaction() throws Exception {
        SnapshotTarget snapshot = db.target.snapshotTarget();
        try (TableLoad load = snapshot.beginLoad(events)) {
            load.row(new String[] {A, "1700000000", "1", "tab\there"});
            load.row(new String[] {B, null, "0", null});
            load.commit(Map.of("pos", "9"));
        }
        assertEquals(List.of(List.of(A_UUID, "1700000000", "true", "tab\there"),
                java.util.Arrays.asList(B_UUID, null, "false", null)), eventRows());
        assertEquals("2", db.value("SELECT rows_copied::text FROM tandem.snapshot_tables"));
    }

    @Test
    void snapshotOfATableWithOnlyPlainOverridesCopiesDirectly() throws Exception {
        TargetTable flags = table("ov", "flags", List.of(overridden("id", ValueKind.TEXT, "uuid", null, false),
                overridden("on", ValueKind.INTEGER, "boolean", null, true)), List.of("id"), List.of());
        SnapshotTarget snapshot = db.target.snapshotTarget();
        snapshot.createTable(flags);
        try (TableLoad load = snapshot.beginLoad(flags)) {
            load.row(new String[] {A_UUID, "1"});
            load.commit(Map.of("pos", "1"));
        }
        assertEquals(List.of(List.of(A_UUID, "true")), db.query("SELECT id::text, \"on\"::text FROM ov.flags"));
    }

    @Test
    void aValueTheExpressionRefusesFailsTheCopyAndLeavesNothing() throws Exception {
        SnapshotTarget snapshot = db.target.snapshotTarget();
        SinkException e;
        try (TableLoad load = snapshot.beginLoad(events)) {
            load.row(new String[] {A, "1700000000", "1", "ok"});
            load.row(new String[] {B, "1700000000", "7", "paid is not 0/1"});
            e = assertThrows(SinkException.class, () -> load.commit(Map.of("pos", "1")));
        }
        assertTrue(e.getMessage().contains("ov.events"), e.getMessage());
        assertFalse(e.getMessage().contains("paid is not"), e.getMessage());
        assertEquals(0, db.count("ov.events"));
        assertTrue(snapshot.completedTables().isEmpty());
    }

    @Test
    void withDeadLetteringTheSnapshotRecordsRefusedRowsAndCopiesTheRest() throws Exception {
        Map<TableId, Long> reported = new ConcurrentHashMap<>();
        TargetTable flags = table("ov", "flags", List.of(overridden("id", ValueKind.TEXT, "uuid", null, false),
                overridden("on", ValueKind.INTEGER, "boolean", null, true)), List.of("id"), List.of());
        try (PostgresTarget deadLettering = db.openAnother(PostgresTargetOptions.defaults()
                .withOnBadRow(BadRowPolicy.DEAD_LETTER).withDeadLetterListener(reported::put))) {
            SnapshotTarget snapshot = deadLettering.snapshotTarget();
            snapshot.createTable(flags);
            try (TableLoad load = snapshot.beginLoad(events)) {
                load.row(new String[] {A, "1700000000", "1", "good"});
                load.row(new String[] {B, "soon", "1", "not epoch seconds"});
                load.commit(Map.of("pos", "5"));
            }
            // Only plain casts: copied through the staging table too, since a COPY would fail as a whole. More
            // rows than one fetch of the row-by-row pass, so its cursor outlives savepoints rolled back.
            try (TableLoad load = snapshot.beginLoad(flags)) {
                for (int i = 0; i < 2500; i++) {
                    load.row(new String[] {java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8)})
                            .toString(), String.valueOf(i % 2)});
                    if (i == 1500) {
                        load.row(new String[] {"not-a-uuid", "0"});
                    }
                }
                load.commit(Map.of("pos", "6"));
            }
        }
        assertEquals(List.of(List.of(A_UUID, "1700000000", "true", "good")), eventRows());
        assertEquals(2500, db.count("ov.flags"));
        assertEquals("1250", db.value("SELECT count(*) FROM ov.flags WHERE \"on\""));
        assertEquals(List.of(
                        List.of("ov.events", "insert", "{\"code\":\"" + B.replace("\\", "\\\\") + "\"}", "SQLSTATE 22P02",
                                "5"),
                        List.of("ov.flags", "insert", "{\"id\":\"not-a-uuid\"}", "SQLSTATE 22P02", "6")),
                db.query("SELECT table_name, operation, row_key, left(reason, 14), source_position ->> 'pos'"
                        + " FROM tandem.dead_letter ORDER BY id"));
        assertEquals(Map.of(events.source(), 1L, flags.source(), 1L), reported);
        assertEquals(List.of(List.of("events", "1"), List.of("flags", "2500")), db.query(
                "SELECT source_table, rows_copied::text FROM tandem.snapshot_tables ORDER BY source_table"));
    }

    @Test
    void upsertsUpdatesAndDeletesMatchTheConvertedKey() throws Exception {
        db.target.changeSink().apply(List.of(
                insert(events, 1, A, "1700000000", "0", "a"),
                insert(events, 2, B, "1700000001", "1", "b")), position(2));
        assertEquals(List.of(List.of(A_UUID, "1700000000", "false", "a"), List.of(B_UUID, "1700000001", "true", "b")),
                eventRows());

        db.target.changeSink().apply(List.of(
                update(events, 3, row(A, "1700000000", "0", "a"), row(A, "1800000000", "1", "a2"))), position(3));
        db.target.changeSink().apply(List.of(delete(events, 4, B, "1700000001", "1", "b")), position(4));

        assertEquals(List.of(List.of(A_UUID, "1800000000", "true", "a2")), eventRows());
    }

    @Test
    void keylessUpdatesAndDeletesFindOneRowByItsConvertedValues() throws Exception {
        db.target.changeSink().apply(List.of(
                insert(ticks, 1, "100", "1"),
                insert(ticks, 2, "100", "1"),
                insert(ticks, 3, "200", "0")), position(3));
        db.target.changeSink().apply(List.of(
                update(ticks, 4, row("100", "1"), row("150", "0")),
                delete(ticks, 5, "200", "0")), position(5));

        assertEquals(List.of(List.of("100", "true"), List.of("150", "false")),
                db.query("SELECT extract(epoch FROM at)::bigint::text, flag::text FROM ov.ticks ORDER BY at"));
    }

    @Test
    void aValueTheOverrideRefusesIsABadRow() throws Exception {
        SinkException failed = assertThrows(SinkException.class, () -> db.target.changeSink().apply(List.of(
                insert(events, 1, A, "1700000000", "2", "two is not a boolean")), position(1)));
        assertTrue(failed.getMessage().contains("22P02"), failed.getMessage());

        try (PostgresTarget deadLettering = db.openAnother(PostgresTargetOptions.defaults()
                .withOnBadRow(BadRowPolicy.DEAD_LETTER))) {
            deadLettering.changeSink().apply(List.of(
                    insert(events, 1, A, "1700000000", "1", "good"),
                    insert(events, 2, B, "soon", "1", "not epoch seconds")), position(2));
        }
        assertEquals(List.of(List.of(A_UUID, "1700000000", "true", "good")), eventRows());
        assertEquals(List.of(List.of("insert", "{\"code\":\"" + B.replace("\\", "\\\\") + "\"}", "SQLSTATE 22P02")),
                db.query("SELECT operation, row_key, left(reason, 14) FROM tandem.dead_letter"));
    }

    @Test
    void theTargetChecksTypesAndExpressionsBeforeAnyDataMoves() {
        db.target.checkOverrides(List.of(events, ticks));

        TargetTable typos = table("ov", "typos", List.of(
                overridden("a", ValueKind.INTEGER, "boolan", null, true),
                overridden("b", ValueKind.INTEGER, "timestamptz", "to_timestmp(value::bigint)", true),
                overridden("c", ValueKind.INTEGER, "timestamptz", "value::bigint + 'x'", true),
                overridden("d", ValueKind.INTEGER, "boolean", "value = '1'", true)), List.of(), List.of());
        SinkException e = assertThrows(SinkException.class, () -> db.target.checkOverrides(List.of(typos)));
        assertFalse(e.transientFailure());
        String message = e.getMessage();
        assertTrue(message.contains("columns.\"ov.typos.a\" (boolan): type \"boolan\" does not exist"), message);
        assertTrue(message.contains("columns.\"ov.typos.b\" (timestamptz using to_timestmp(value::bigint)): "
                + "function to_timestmp(bigint) does not exist"), message);
        assertTrue(message.contains("columns.\"ov.typos.c\""), message);
        assertFalse(message.contains("ov.typos.d"), message);
    }
}
