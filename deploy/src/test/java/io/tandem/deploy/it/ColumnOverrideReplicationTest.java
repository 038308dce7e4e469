package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.deploy.demo.ServersConfig;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.TandemConfig;
import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-column overrides end to end, snapshot and streaming: a TINYINT(1) of 0/1 as boolean, an INT of epoch seconds
 * as timestamptz through an expression, a CHAR(36) primary key as uuid, and a BINARY(16) of a keyless table as uuid
 * through an expression; then a source type change and a rename of an overridden column, and overrides the
 * config gets wrong.
 */
class ColumnOverrideReplicationTest {

    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final String ID_1 = "11111111-1111-1111-1111-111111111111";
    private static final String ID_2 = "22222222-2222-2222-2222-222222222222";
    private static final String ID_3 = "33333333-3333-3333-3333-333333333333";

    private final SourceServer source = TestServers.source();
    private final TargetServer target = TestServers.target();
    private String database;
    private String targetDatabase;
    private Daemon daemon;

    @BeforeEach
    void createTables() throws Exception {
        database = source.createDatabase("override");
        targetDatabase = target.createDatabase("override");
        onSource("CREATE TABLE marker (id INT AUTO_INCREMENT PRIMARY KEY, nonce VARCHAR(20))",
                "CREATE TABLE orders (id CHAR(36) PRIMARY KEY, paid TINYINT(1) NOT NULL DEFAULT 0, created INT,"
                        + " note VARCHAR(20), rate FLOAT)",
                "CREATE TABLE tags (code BINARY(16), flag TINYINT(1))",
                "INSERT INTO orders VALUES ('" + ID_1 + "', 1, 1700000000, 'one', 0.1), ('" + ID_2 + "', 0, NULL, 'two',"
                        + " NULL)",
                "INSERT INTO tags VALUES (UNHEX('0123456789ABCDEF0123456789ABCDEF'), 1),"
                        + " (UNHEX('0123456789ABCDEF0123456789ABCDEF'), 1), (NULL, 0)");
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private Map<String, Object> overrides() {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put(database + ".orders.id", Map.of("type", "uuid"));
        columns.put(database + ".orders.paid", Map.of("type", "boolean"));
        columns.put(database + ".orders.created", Map.of("type", "timestamptz", "using", "to_timestamp(value::bigint)"));
        // A FLOAT still travels in its single-precision text form: 0.1 stays 0.1, not 0.10000000149011612.
        columns.put(database + ".orders.rate", Map.of("type", "numeric"));
        columns.put(database + ".tags.code", Map.of("type", "uuid", "using", "substr(value, 3)::uuid"));
        columns.put(database + ".tags.flag", Map.of("type", "boolean"));
        return columns;
    }

    private TandemConfig config(Map<String, Object> columns) {
        return ServersConfig.builder("override-it", source, database, target, targetDatabase)
                .set("columns", columns)
                .build();
    }

    @Test
    void overriddenColumnsAreConvertedInTheSnapshotAndWhileStreaming() throws Exception {
        daemon = Daemon.start(config(overrides()), line -> { }, 60_000);
        awaitInSync();
        assertEquals(List.of("id uuid NO", "paid boolean NO", "created timestamp with time zone YES",
                "note character varying(20) YES", "rate numeric YES"), targetColumns("orders"));
        assertEquals(List.of("code uuid YES", "flag boolean YES"), targetColumns("tags"));
        assertEquals(List.of(List.of(ID_1, "true", "1700000000", "one", "0.1"), row(ID_2, "false", null, "two", null)),
                orders());
        assertEquals(List.of(List.of("01234567-89ab-cdef-0123-456789abcdef", "true"),
                List.of("01234567-89ab-cdef-0123-456789abcdef", "true"), row(null, "false")), tags());

        onSource("INSERT INTO orders VALUES ('" + ID_3 + "', 1, 1800000000, 'three', 0.7)",
                "UPDATE orders SET paid = 1, created = 1700000001 WHERE id = '" + ID_2 + "'",
                "DELETE FROM orders WHERE id = '" + ID_1 + "'",
                "UPDATE tags SET flag = 0 WHERE flag = 1 LIMIT 1",
                "DELETE FROM tags WHERE code IS NULL",
                "INSERT INTO tags VALUES (UNHEX('FEDCBA9876543210FEDCBA9876543210'), NULL)");
        awaitInSync();
        assertEquals(List.of(row(ID_2, "true", "1700000001", "two", null),
                List.of(ID_3, "true", "1800000000", "three", "0.7")), orders());
        assertEquals(List.of(List.of("01234567-89ab-cdef-0123-456789abcdef", "false"),
                List.of("01234567-89ab-cdef-0123-456789abcdef", "true"),
                row("fedcba98-7654-3210-fedc-ba9876543210", null)), tags());

        // The source type changes; the override stays, and values of the new type go through it.
        onSource("ALTER TABLE orders MODIFY created BIGINT",
                "UPDATE orders SET created = 4102444800 WHERE id = '" + ID_3 + "'");
        awaitInSync();
        assertEquals("created timestamp with time zone YES", targetColumns("orders").get(2));
        assertEquals(List.of(ID_3, "true", "4102444800", "three", "0.7"), orders().get(1));
    }

    @Test
    void renamingAnOverriddenColumnStopsReplicationNamingTheKeyToSet() throws Exception {
        daemon = Daemon.start(config(overrides()), line -> { }, 60_000);
        awaitInSync();
        onSource("ALTER TABLE orders RENAME COLUMN created TO created_at");
        CompletionException stopped = assertThrows(CompletionException.class,
                () -> daemon.replication().anyFailure().orTimeout(1, java.util.concurrent.TimeUnit.MINUTES).join());
        String message = stopped.getCause().getMessage();
        assertTrue(message.contains("column created (renamed to created_at) has the override timestamptz using "
                + "to_timestamp(value::bigint)"), message);
        assertTrue(message.contains("set columns.\"" + database + ".orders.created_at\" in the config"), message);
        assertEquals("created timestamp with time zone YES", targetColumns("orders").get(2), "nothing half-applied");
    }

    @Test
    void overridesTheSourceOrTargetCannotHonourStopTheStartNamingTheKey() throws Exception {
        Map<String, Object> missing = new LinkedHashMap<>(overrides());
        missing.put(database + ".orders.payed", Map.of("type", "boolean"));
        missing.put(database + ".order.paid", Map.of("type", "boolean"));
        Exception unmatched = assertThrows(Exception.class, () -> Daemon.start(config(missing), line -> { }, 60_000));
        assertTrue(unmatched.getMessage().contains("columns.\"" + database + ".orders.payed\": table " + database
                + ".orders has no column payed"), unmatched.getMessage());
        assertTrue(unmatched.getMessage().contains("columns.\"" + database + ".order.paid\": table " + database
                + ".order is not replicated"), unmatched.getMessage());

        Map<String, Object> typo = new LinkedHashMap<>(overrides());
        typo.put(database + ".orders.paid", Map.of("type", "boolan"));
        Exception refused = assertThrows(Exception.class, () -> Daemon.start(config(typo), line -> { }, 60_000));
        assertTrue(refused.getMessage().contains("columns.\"" + database + ".orders.paid\" (boolan): type \"boolan\" "
                + "does not exist"), refused.getMessage());
        assertEquals(0, targetTableCount(), "nothing was created before the overrides were checked");
    }

    private static List<String> row(String... values) {
        return java.util.Arrays.asList(values);
    }

    private List<List<String>> orders() throws SQLException {
        return targetRows("SELECT id::text, paid::text, extract(epoch FROM created)::bigint::text, note, rate::text FROM \""
                + database + "\".orders ORDER BY id");
    }

    private List<List<String>> tags() throws SQLException {
        return targetRows("SELECT code::text, flag::text FROM \"" + database + "\".tags ORDER BY code, flag");
    }

    private void onSource(String... statements) throws SQLException {
        try (Connection connection = source.connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** A marker row through the binlog: once it is on the target, everything committed before it is too. */
    private void awaitInSync() throws SQLException {
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        onSource("INSERT INTO marker (nonce) VALUES ('" + nonce + "')");
        Await.until("the marker to reach PostgreSQL", WAIT, () -> {
            if (daemon.replication().anyFailure().isCompletedExceptionally()) {
                daemon.replication().anyFailure().join();
            }
            return !targetRows("SELECT 1 FROM \"" + database + "\".marker WHERE nonce = '" + nonce + "'").isEmpty();
        });
    }

    private List<List<String>> targetRows(String sql) throws SQLException {
        List<List<String>> result = new ArrayList<>();
        try (Connection connection = target.connect(targetDatabase); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
        }
        return result;
    }

    private long targetTableCount() throws SQLException {
        return Long.parseLong(targetRows("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                + database + "'").get(0).get(0));
    }

    /** The target table's columns as {@code name type nullable}, in column order. */
    private List<String> targetColumns(String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = target.connect(targetDatabase);
             PreparedStatement query = connection.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
                     + " CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END FROM pg_attribute a"
                     + " WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass"
                     + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            query.setString(1, database);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
                }
            }
        }
        return columns;
    }
}
