package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.testkit.compare.ComparisonReport;
import io.tandem.testkit.compare.RowComparator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema changes made while tandem is stopped: the engine streams, is killed, the source changes a column's type,
 * a column's nullability, renames a column, adds one, drops a table and renames one, with rows written before and
 * after each; on restart the stream resumes before those statements with the definitions committed with its
 * position, and applies them in binlog order. The target then has the source's columns (types and nullability)
 * and rows.
 */
class SchemaChangeWhileStoppedTest {

    private static final Duration WAIT = Duration.ofMinutes(2);

    @Test
    void changesMadeWhileStoppedReachTheTargetOnRestart(@TempDir Path directory) throws Exception {
        SourceFixture fixture = SourceFixture.withoutSakila("stopped");
        fixture.onSource("CREATE TABLE marker (id INT AUTO_INCREMENT PRIMARY KEY, nonce VARCHAR(20))",
                "CREATE TABLE items (id INT PRIMARY KEY, c INT, name VARCHAR(20) NOT NULL, note VARCHAR(10))",
                "CREATE TABLE gone (id INT PRIMARY KEY)",
                "CREATE TABLE old_name (id INT PRIMARY KEY, v VARCHAR(10), KEY ix_v (v))",
                "INSERT INTO old_name VALUES (1, 'a')",
                "INSERT INTO items VALUES (1, 10, 'one', 'a'), (2, NULL, 'two', NULL)",
                "INSERT INTO gone VALUES (1)");
        Path config = fixture.writeConfig(directory, "");
        streamThenKill(fixture, config, "INSERT INTO items VALUES (3, 30, 'three', NULL)");

        fixture.onSource(
                "INSERT INTO items VALUES (4, 2147483647, 'four', 'd')",
                "ALTER TABLE items MODIFY c BIGINT",
                "INSERT INTO items VALUES (5, 5000000000, 'five', NULL)",
                "UPDATE items SET c = c * 3 WHERE id = 4",
                "UPDATE items SET note = '' WHERE note IS NULL",
                "ALTER TABLE items MODIFY note VARCHAR(10) NOT NULL",
                "INSERT INTO items VALUES (6, 6, 'six', 'f')",
                "ALTER TABLE items RENAME COLUMN name TO title",
                "INSERT INTO items (id, c, title, note) VALUES (7, 7, 'seven', 'g')",
                "UPDATE items SET title = 'ONE' WHERE id = 1",
                "ALTER TABLE items ADD COLUMN extra INT NOT NULL DEFAULT 7",
                "INSERT INTO items (id, c, title, note, extra) VALUES (8, 8, 'eight', 'h', 80)",
                "INSERT INTO gone VALUES (2)",
                "DROP TABLE gone",
                "INSERT INTO old_name VALUES (2, 'b')",
                "RENAME TABLE old_name TO new_name",
                "INSERT INTO new_name VALUES (3, 'c')");

        try (EngineProcess engine = EngineProcess.start(config, "engine-2", List.of())) {
            awaitMarker(fixture, engine);
            ComparisonReport report = new RowComparator(fixture.source, fixture.target, fixture.targetDatabase)
                    .compare(fixture.database);
            assertTrue(report.isEqual(), report + "\n" + engine.logTail());
            assertEquals(List.of("c bigint YES", "extra integer NO 7", "id integer NO",
                    "note character varying(10) NO", "title character varying(20) NO"),
                    targetColumns(fixture, "items"), engine.logTail());
            assertEquals(sourceNullability(fixture), targetNullability(fixture));
            assertEquals(0, fixture.targetQueryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '"
                    + fixture.database + "' AND tablename IN ('gone', 'old_name')"));
            assertEquals(3, fixture.targetQueryLong("SELECT count(*) FROM " + fixture.database + ".new_name"));
            assertEquals(3, fixture.targetQueryLong("SELECT count(*) FROM tandem.tables"), "marker, items, new_name");
            assertEquals(1, fixture.targetQueryLong("SELECT count(*) FROM tandem.tables t,"
                    + " jsonb_array_elements(t.definition->'columns') col WHERE t.source_table = 'items'"
                    + " AND col->>'name' = 'c' AND col->>'pgType' = 'bigint'"));
            assertTrue(engine.isAlive(), engine.logTail());
        }
    }

    /**
     * Only a type, a nullability and a default change: nothing about the columns' names shows it, so without the
     * stored definitions the restart would decode with the new types and the later DDL would change nothing.
     */
    @Test
    void aTypeOnlyChangeWhileStoppedIsApplied(@TempDir Path directory) throws Exception {
        SourceFixture fixture = SourceFixture.withoutSakila("stopped_type");
        fixture.onSource("CREATE TABLE marker (id INT AUTO_INCREMENT PRIMARY KEY, nonce VARCHAR(20))",
                "CREATE TABLE counts (id INT PRIMARY KEY, n INT, label VARCHAR(10))",
                "INSERT INTO counts VALUES (1, 1, 'a'), (2, NULL, 'b')");
        Path config = fixture.writeConfig(directory, "");
        streamThenKill(fixture, config, "INSERT INTO counts VALUES (3, 3, NULL)");

        fixture.onSource("INSERT INTO counts VALUES (4, 2147483647, 'd')",
                "UPDATE counts SET n = 0 WHERE n IS NULL",
                "ALTER TABLE counts MODIFY n BIGINT NOT NULL DEFAULT 5",
                "INSERT INTO counts VALUES (5, 6000000000, 'e')",
                "INSERT INTO counts (id, label) VALUES (6, 'f')",
                "ALTER TABLE counts MODIFY label VARCHAR(30)",
                "INSERT INTO counts VALUES (7, 7, 'a label longer than ten')");

        try (EngineProcess engine = EngineProcess.start(config, "engine-2", List.of())) {
            awaitMarker(fixture, engine);
            ComparisonReport report = new RowComparator(fixture.source, fixture.target, fixture.targetDatabase)
                    .compare(fixture.database);
            assertTrue(report.isEqual(), report + "\n" + engine.logTail());
            assertEquals(List.of("id integer NO", "label character varying(30) YES", "n bigint NO 5"),
                    targetColumns(fixture, "counts"), engine.logTail());
            assertEquals(sourceNullability(fixture), targetNullability(fixture));
        }
    }

    /** Streams (past the snapshot, so the schema history is complete), writes a row, streams it, kills. */
    private static void streamThenKill(SourceFixture fixture, Path config, String write) throws Exception {
        try (EngineProcess engine = EngineProcess.start(config, "engine-1", List.of())) {
            // The first marker may arrive with the snapshot; the second comes through the stream, after which
            // the schema history is complete and a restart no longer reads today's schema.
            awaitMarker(fixture, engine);
            fixture.onSource(write);
            awaitMarker(fixture, engine);
            engine.kill();
        }
    }

    /** A marker row through the binlog: once it is on the target, everything committed before it is too. */
    private static void awaitMarker(SourceFixture fixture, EngineProcess engine) throws SQLException {
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        fixture.onSource("INSERT INTO marker (nonce) VALUES ('" + nonce + "')");
        Await.until("the marker to reach PostgreSQL", WAIT, () -> {
            if (!engine.isAlive()) {
                throw new AssertionError("the engine stopped\n" + engine.logTail());
            }
            return fixture.targetQueryLong("SELECT count(*) FROM \"" + fixture.database + "\".marker WHERE nonce = '"
                    + nonce + "'") == 1;
        });
    }

    /** The target table's columns as {@code name type nullable [default]}, sorted by name. */
    private static List<String> targetColumns(SourceFixture fixture, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = fixture.target.connect(fixture.targetDatabase);
             PreparedStatement query = connection.prepareStatement("SELECT a.attname,"
                     + " format_type(a.atttypid, a.atttypmod), CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END,"
                     + " pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a LEFT JOIN pg_attrdef d"
                     + " ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                     + " WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass"
                     + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attname")) {
            query.setString(1, fixture.database);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3)
                            + (rows.getString(4) == null ? "" : " " + rows.getString(4)));
                }
            }
        }
        return columns;
    }

    private static TreeMap<String, String> sourceNullability(SourceFixture fixture) throws SQLException {
        try (Connection connection = fixture.source.connect(fixture.database)) {
            return nullability(connection, "SELECT TABLE_NAME, COLUMN_NAME, IS_NULLABLE FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = ?", fixture.database);
        }
    }

    private static TreeMap<String, String> targetNullability(SourceFixture fixture) throws SQLException {
        try (Connection connection = fixture.target.connect(fixture.targetDatabase)) {
            return nullability(connection, "SELECT table_name, column_name, is_nullable FROM information_schema.columns"
                    + " WHERE table_schema = ?", fixture.database);
        }
    }

    private static TreeMap<String, String> nullability(Connection connection, String sql, String database)
            throws SQLException {
        TreeMap<String, String> columns = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1) + "." + rows.getString(2), rows.getString(3));
                }
            }
        }
        return columns;
    }
}
