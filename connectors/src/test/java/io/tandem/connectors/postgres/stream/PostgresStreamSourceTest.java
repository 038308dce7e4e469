package io.tandem.connectors.postgres.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.demo.servers.TargetServer;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.model.StreamPoint;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reverse source against a real PostgreSQL: one database, one long-running source for the value, mode, origin,
 * truncate and TOAST cases (switched between modes as each case needs), and one source each for the cases that
 * stop it (a restart, a schema change).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStreamSourceTest {

    private final TargetServer server = TestServers.target();
    private String database;
    private final TargetTable types = table("types", List.of(
            column("id", "integer", ValueKind.INTEGER),
            column("c_smallint", "smallint", ValueKind.INTEGER),
            column("c_int", "integer", ValueKind.INTEGER),
            column("c_bigint", "bigint", ValueKind.INTEGER),
            column("c_ubigint", "numeric(20,0)", ValueKind.INTEGER),
            column("c_dec", "numeric(65,30)", ValueKind.DECIMAL),
            column("c_money", "numeric(10,2)", ValueKind.DECIMAL),
            column("c_real", "real", ValueKind.FLOAT),
            column("c_double", "double precision", ValueKind.FLOAT),
            column("c_bool", "boolean", ValueKind.BOOLEAN),
            column("c_bits", "bit(10)", ValueKind.BITS),
            column("c_bits64", "bit(64)", ValueKind.BITS),
            column("c_date", "date", ValueKind.DATE),
            column("c_ts", "timestamp(6) without time zone", ValueKind.TIMESTAMP),
            column("c_ts0", "timestamp(0) without time zone", ValueKind.TIMESTAMP),
            column("c_tstz", "timestamp(6) with time zone", ValueKind.TIMESTAMPTZ),
            column("c_time", "interval", ValueKind.INTERVAL),
            column("c_text", "text", ValueKind.TEXT),
            column("c_varchar", "varchar(12)", ValueKind.TEXT),
            column("c_bytes", "bytea", ValueKind.BYTES),
            column("c_json", "jsonb", ValueKind.JSON),
            column("c_uuid", "uuid", ValueKind.TEXT),
            column("c_inet", "inet", ValueKind.TEXT)));
    private final TargetTable items = table("items", List.of(
            column("id", "integer", ValueKind.INTEGER), column("v", "text", ValueKind.TEXT)));
    private final TargetTable docs = table("docs", List.of(
            column("id", "integer", ValueKind.INTEGER), column("body", "text", ValueKind.TEXT),
            column("blob", "bytea", ValueKind.BYTES), column("n", "integer", ValueKind.INTEGER)));
    private final TargetTable restartItems = table("restart_items", items.columns());
    private final TargetTable altered = table("altered", items.columns());
    private final TargetTable stranger = table("stranger", items.columns());
    private final TargetTable retyped = table("retyped", List.of(column("id", "integer", ValueKind.INTEGER),
            column("price", "numeric(10,2)", ValueKind.DECIMAL), column("at", "timestamp(0) with time zone",
                    ValueKind.TIMESTAMPTZ)));
    private PgStreamHarness main;

    @BeforeAll
    void createTablesAndStart() throws Exception {
        database = server.createDatabase("reverse");
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA app");
            statement.execute("CREATE SCHEMA tandem");
            statement.execute("CREATE TABLE tandem.reverse_heartbeat (instance text PRIMARY KEY, seq bigint NOT NULL,"
                    + " written_at bigint NOT NULL)");
            statement.execute("CREATE TABLE tandem.reverse_fence (token text PRIMARY KEY, written_at bigint NOT NULL)");
            for (TargetTable table : List.of(types, items, docs, restartItems, altered, stranger, retyped)) {
                statement.execute(createTable(table));
                statement.execute("ALTER TABLE " + table.displayName() + " REPLICA IDENTITY FULL");
            }
            // Stored out of line uncompressed, so a value above the TOAST threshold is TOASTed for certain.
            statement.execute("ALTER TABLE app.docs ALTER COLUMN body SET STORAGE EXTERNAL");
            statement.execute("ALTER TABLE app.docs ALTER COLUMN blob SET STORAGE EXTERNAL");
        }
        main = new PgStreamHarness(server, database, "main", byId(types, items, docs));
        main.start(ReverseMode.SHADOW);
        main.fence(main.mark()); // streaming
    }

    @AfterAll
    void stop() throws SQLException {
        if (main != null) {
            main.close();
        }
        server.dropDatabase(database);
    }

    @Test
    void valuesComeOutAsTheTextTheForwardPathWrites() throws Exception {
        main.source().switchMode(ReverseMode.APPLY);
        int mark = main.mark();
        main.execute("INSERT INTO app.types VALUES (1, -32768, 2147483647, -9223372036854775808, "
                + "18446744073709551615, 12345678901234567890123456789012345.123456789012345678901234567890, 12.50, "
                + "0.1, 0.1, true, B'1000000001', B'1000000000000000000000000000000000000000000000000000000000000011', "
                + "'1000-01-01', '9999-12-31 23:59:59.999999', '2024-02-29 12:00:00', '2038-01-19 03:14:07.999999+00', "
                + "'838:59:59', 'héllo ✓ 😀', 'exactly12chr', '\\x00ff10', '{\"a\": [1, 2.5, \"x\"]}', "
                + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '192.168.0.1')",
                "INSERT INTO app.types (id, c_dec, c_money, c_real, c_double, c_bool, c_date, c_ts, c_ts0, c_tstz, "
                        + "c_time, c_bytes, c_text) VALUES (2, 0.000000000000000000000000000001, -0.01, 3.4028235E38, "
                        + "4.9E-324, false, '0001-01-01', '1000-01-01 00:00:00', '1970-01-01 00:00:00', "
                        + "'1970-01-01 00:00:01+00', '-838:59:59.000001', '\\x', '')",
                "INSERT INTO app.types (id, c_dec, c_real, c_double, c_date, c_ts, c_tstz, c_time) VALUES (3, 'NaN', "
                        + "'NaN', '-Infinity', 'infinity', '-infinity', 'infinity', '00:00:00.5')",
                "INSERT INTO app.types (id) VALUES (4)");
        List<RowChange> rows = rows(main.fence(mark));
        assertEquals(4, rows.size(), rows::toString);
        assertRow(rows.get(0), "1", "-32768", "2147483647", "-9223372036854775808", "18446744073709551615",
                "12345678901234567890123456789012345.123456789012345678901234567890", "12.50", "0.1", "0.1", "t",
                "1000000001", "1000000000000000000000000000000000000000000000000000000000000011", "1000-01-01",
                "9999-12-31 23:59:59.999999", "2024-02-29 12:00:00.000000", "2038-01-19 03:14:07.999999+00",
                "838:59:59.000000", "héllo ✓ 😀", "exactly12chr", "\\x00ff10", "{\"a\": [1, 2.5, \"x\"]}",
                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "192.168.0.1");
        assertRow(rows.get(1), "2", null, null, null, null, "0.000000000000000000000000000001", "-0.01",
                "3.4028235E38", "4.9E-324", "f", null, null, "0001-01-01", "1000-01-01 00:00:00.000000",
                "1970-01-01 00:00:00.000000", "1970-01-01 00:00:01.000000+00", "-838:59:59.000001", "", null,
                "\\x", null, null, null);
        assertRow(rows.get(2), "3", null, null, null, null, "NaN", null, "NaN", "-Infinity", null, null, null,
                "infinity", "-infinity", null, "infinity", "0:00:00.500000", null, null, null, null, null, null);
        String[] nulls = new String[types.columns().size()];
        nulls[0] = "4";
        assertArrayEquals(nulls, rows.get(3).after());
    }

    @Test
    void originTaggedWritesProduceNothingAndUntaggedOnesInShadowAreRogue() throws Exception {
        main.source().switchMode(ReverseMode.SHADOW);
        long roguesBefore = main.source().rogueWrites();
        int reportedBefore = main.rogueWrites.size();
        int mark = main.mark();
        try (Connection forward = server.connect(database); Statement statement = forward.createStatement()) {
            statement.execute("SELECT pg_replication_origin_create('tandem_forward')");
            statement.execute("SELECT pg_replication_origin_session_setup('tandem_forward')");
            statement.execute("INSERT INTO app.items VALUES (100, 'from the forward sink')");
            statement.execute("UPDATE app.items SET v = 'again' WHERE id = 100");
            statement.execute("SELECT pg_replication_origin_session_reset()");
        }
        List<ChangeEvent> tagged = main.fence(mark);
        assertTrue(tagged.stream().noneMatch(e -> e instanceof RowChange), tagged::toString);
        assertEquals(roguesBefore, main.source().rogueWrites());

        mark = main.mark();
        main.execute("INSERT INTO app.items VALUES (101, 'the application, too early')",
                "TRUNCATE app.items");
        List<ChangeEvent> shadow = main.fence(mark);
        assertTrue(shadow.stream().noneMatch(e -> e instanceof RowChange || e instanceof TruncateTable),
                shadow::toString);
        assertTrue(shadow.stream().anyMatch(e -> e instanceof TransactionEnd), "transaction ends still pass");
        assertEquals(roguesBefore + 2, main.source().rogueWrites());
        List<RogueWrite> reported = main.rogueWrites.subList(reportedBefore, main.rogueWrites.size());
        assertEquals(List.of("app.items insert", "app.items truncate"),
                reported.stream().map(r -> r.relation() + " " + r.operation()).toList());
        assertTrue(reported.get(0).lsn().matches("[0-9A-F]+/[0-9A-F]+"), reported.get(0).lsn());
        assertTrue(reported.get(0).commitTime() != null);
    }

    @Test
    void applyPassesRowChangesTruncatesAndHeartbeatsInCommitOrder() throws Exception {
        main.source().switchMode(ReverseMode.APPLY);
        int mark = main.mark();
        main.execute("INSERT INTO app.items VALUES (200, 'a'), (201, 'b')",
                "UPDATE app.items SET v = 'c' WHERE id = 200",
                "DELETE FROM app.items WHERE id = 201",
                "INSERT INTO tandem.reverse_heartbeat VALUES ('main', 7, 1234567), ('another', 1, 1)",
                "TRUNCATE app.items");
        List<ChangeEvent> events = main.fence(mark);
        List<RowChange> rows = rows(events);
        assertEquals(List.of(RowChange.Op.INSERT, RowChange.Op.INSERT, RowChange.Op.UPDATE, RowChange.Op.DELETE),
                rows.stream().map(RowChange::op).toList());
        assertArrayEquals(new String[] {"200", "a"}, rows.get(2).before());
        assertArrayEquals(new String[] {"200", "c"}, rows.get(2).after());
        assertArrayEquals(new String[] {"201", "b"}, rows.get(3).before());
        List<Heartbeat> heartbeats = events.stream().filter(Heartbeat.class::isInstance).map(Heartbeat.class::cast)
                .toList();
        assertEquals(1, heartbeats.size());
        assertEquals(7, heartbeats.get(0).seq());
        assertEquals(1234567, heartbeats.get(0).writtenAtMicros());
        assertEquals(1, events.stream().filter(TruncateTable.class::isInstance).count());
        assertEquals(5, events.stream().filter(TransactionEnd.class::isInstance).count(), events::toString);
        StreamPoint previous = null;
        for (ChangeEvent event : events) {
            StreamPoint point = event.position().point();
            assertTrue(previous == null || point.compareTo(previous) > 0, previous + " then " + point);
            previous = point;
        }
        assertInstanceOf(TransactionEnd.class, events.get(events.size() - 1));
    }

    @Test
    void anUnchangedToastedValueIsTakenFromTheBeforeImage() throws Exception {
        main.source().switchMode(ReverseMode.APPLY);
        int mark = main.mark();
        main.execute("INSERT INTO app.docs SELECT 1, string_agg(md5(i::text), ''), "
                + "decode(string_agg(md5(i::text), ''), 'hex'), 0 FROM generate_series(1, 1000) AS i",
                "UPDATE app.docs SET n = 1 WHERE id = 1");
        List<RowChange> rows = rows(main.fence(mark));
        assertEquals(2, rows.size());
        String body = rows.get(0).after()[1];
        String blob = rows.get(0).after()[2];
        assertEquals(32000, body.length());
        assertEquals(2 + 2 * 16000, blob.length());
        RowChange update = rows.get(1);
        assertArrayEquals(new String[] {"1", body, blob, "0"}, update.before());
        assertArrayEquals(new String[] {"1", body, blob, "1"}, update.after());
    }

    @Test
    void aRestartFromTheCommittedOffsetNeitherLosesNorRepeatsATransaction() throws Exception {
        try (PgStreamHarness restart = new PgStreamHarness(server, database, "restart", byId(restartItems))) {
            restart.start(ReverseMode.APPLY);
            int mark = restart.mark();
            restart.execute("INSERT INTO app.restart_items VALUES (1, 'committed')");
            assertEquals(List.of("1"), ids(restart.fence(mark)));

            // The sink receives the next transaction but crashes before committing it.
            restart.committing = false;
            mark = restart.mark();
            restart.execute("INSERT INTO app.restart_items VALUES (2, 'received, not committed')");
            assertEquals(List.of("2"), ids(restart.fence(mark)));
            restart.close();

            restart.execute("INSERT INTO app.restart_items VALUES (3, 'written while stopped')");
            restart.committing = true;
            mark = restart.mark();
            restart.start(ReverseMode.APPLY);
            assertEquals(List.of("2", "3"), ids(restart.fence(mark)));
            restart.close();

            // Everything committed now: a second restart repeats nothing.
            mark = restart.mark();
            restart.start(ReverseMode.APPLY);
            restart.execute("INSERT INTO app.restart_items VALUES (4, 'after the second restart')");
            assertEquals(List.of("4"), ids(restart.fence(mark)));
        }
    }

    @Test
    void aColumnAddedOnPostgresStopsTheSourceNamingTheRelation() throws Exception {
        try (PgStreamHarness ddl = new PgStreamHarness(server, database, "ddl", byId(altered))) {
            PostgresStreamSource source = ddl.start(ReverseMode.SHADOW);
            int mark = ddl.mark();
            ddl.execute("INSERT INTO app.altered VALUES (1, 'fits')");
            ddl.fence(mark);
            ddl.execute("ALTER TABLE app.altered ADD COLUMN extra integer",
                    "INSERT INTO app.altered VALUES (2, 'does not fit', 7)");
            SchemaChangedException cause = schemaChangeStopping(source);
            assertEquals("app.altered", cause.relation());
            assertTrue(cause.getMessage().contains("[extra]"), cause.getMessage());
        }
    }

    @Test
    void aColumnTypeChangedOnPostgresStopsTheSourceBeforeItsValuesAreRead() throws Exception {
        try (PgStreamHarness harness = new PgStreamHarness(server, database, "retype", byId(retyped))) {
            PostgresStreamSource source = harness.start(ReverseMode.APPLY);
            int mark = harness.mark();
            harness.execute("INSERT INTO app.retyped VALUES (1, 12.50, '2024-01-01 10:00:00+00')");
            assertEquals(List.of("1"), ids(harness.fence(mark)));
            // MySQL's DECIMAL(10,2) would round 1.2345 without an error: a silent divergence if it got through.
            harness.execute("ALTER TABLE app.retyped ALTER COLUMN price TYPE numeric(12,4)",
                    "INSERT INTO app.retyped VALUES (2, 1.2345, now())");
            SchemaChangedException cause = schemaChangeStopping(source);
            assertEquals("app.retyped", cause.relation());
            assertTrue(cause.getMessage().contains("price now NUMERIC(12,4)"), cause.getMessage());
        }
    }

    @Test
    void aPublishedRelationTandemDoesNotReplicateStopsTheSource() throws Exception {
        try (PgStreamHarness harness = new PgStreamHarness(server, database, "stranger", byId(altered))) {
            harness.execute("ALTER PUBLICATION stranger_pub ADD TABLE app.stranger");
            PostgresStreamSource source = harness.start(ReverseMode.APPLY);
            harness.execute("INSERT INTO app.stranger VALUES (1, 'unknown')");
            assertEquals("app.stranger", schemaChangeStopping(source).relation());
        }
    }

    /** Waits until the source stops and returns the schema change it stopped on. */
    private static SchemaChangedException schemaChangeStopping(PostgresStreamSource source) {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> source.stopped().get(PgStreamHarness.WAIT.toSeconds(), TimeUnit.SECONDS));
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SchemaChangedException change) {
                return change;
            }
        }
        throw new AssertionError("the source stopped, but not on a schema change", failure);
    }

    private static void assertRow(RowChange row, String... expected) {
        assertEquals(RowChange.Op.INSERT, row.op());
        assertNull(row.before());
        assertArrayEquals(expected, row.after(), () -> String.join(" | ", row.after()));
    }

    private static List<RowChange> rows(List<ChangeEvent> events) {
        return events.stream().filter(RowChange.class::isInstance).map(RowChange.class::cast).toList();
    }

    private static List<String> ids(List<ChangeEvent> events) {
        return rows(events).stream().map(r -> r.after()[0]).toList();
    }

    private static TargetColumn column(String name, String pgType, ValueKind kind) {
        return new TargetColumn(name, name, pgType, kind, true, null, false, true);
    }

    private static TargetTable table(String name, List<TargetColumn> columns) {
        return new TargetTable(new TableId("app", name), "app", name, columns, List.of("id"), List.of(), List.of());
    }

    private static Map<TableId, TargetTable> byId(TargetTable... tables) {
        Map<TableId, TargetTable> map = new LinkedHashMap<>();
        for (TargetTable table : tables) {
            map.put(table.source(), table);
        }
        return map;
    }

    private static String createTable(TargetTable table) {
        List<String> columns = new ArrayList<>();
        table.columns().forEach(c -> columns.add(c.name() + " " + c.pgType()));
        return "CREATE TABLE " + table.displayName() + " (" + String.join(", ", columns) + ", PRIMARY KEY (id))";
    }
}
