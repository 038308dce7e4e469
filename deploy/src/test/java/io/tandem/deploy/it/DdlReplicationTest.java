package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.deploy.demo.ServersConfig;
import io.tandem.deploy.replication.Daemon;
import io.tandem.testkit.TestServers;
import io.tandem.testkit.compare.ComparisonReport;
import io.tandem.testkit.compare.RowComparator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each supported schema change issued while streaming, with rows written to the same table before and after it
 * (in the same binlog stretch, so they reach the target in one or a few batches around the DDL barrier). After
 * each step the target's columns (names, types, nullability) and rows must equal the source's.
 */
class DdlReplicationTest {

    private static final Duration WAIT = Duration.ofMinutes(1);

    private final SourceServer source = TestServers.source();
    private final TargetServer target = TestServers.target();
    private String database;
    private String targetDatabase;
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        database = source.createDatabase("ddl");
        targetDatabase = target.createDatabase("ddl");
        onSource("CREATE TABLE marker (id INT AUTO_INCREMENT PRIMARY KEY, nonce VARCHAR(20))",
                "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, qty INT, UNIQUE KEY uq_name (name))",
                "CREATE TABLE plain (a INT NOT NULL, b VARCHAR(10), KEY ix_a (a))",
                "INSERT INTO items VALUES (1, 'one', 10), (2, 'two', NULL), (3, 'three', 30)",
                "INSERT INTO plain VALUES (1, 'x'), (1, 'x'), (2, NULL)");
        daemon = Daemon.start(ServersConfig.of("ddl-it", source, database, target, targetDatabase), line -> { },
                60_000);
        awaitInSync();
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void schemaChangesReachTheTargetInOrderWithTheRowsAroundThem() throws Exception {
        // 1. ADD COLUMN: a default, MySQL's implicit default for NOT NULL, a nullable one; FIRST/AFTER ignored.
        onSource("INSERT INTO items VALUES (4, 'four', 40)",
                "ALTER TABLE items ADD COLUMN status VARCHAR(10) NOT NULL DEFAULT 'new' AFTER id, "
                        + "ADD COLUMN score INT NOT NULL, ADD COLUMN note TEXT",
                "INSERT INTO items (id, status, name, qty, score, note) VALUES (5, 'old', 'five', 50, 7, 'n')",
                "UPDATE items SET score = 3 WHERE id = 1",
                "INSERT INTO plain VALUES (3, 'y')",
                "ALTER TABLE plain ADD COLUMN c DECIMAL(5,2) DEFAULT 1.50 FIRST",
                "INSERT INTO plain VALUES (9.25, 4, 'z')", "DELETE FROM plain WHERE a = 1 LIMIT 1");
        awaitInSync();
        assertColumns("items", "id integer NO", "status character varying(10) NO 'new'::character varying",
                "name character varying(20) NO", "qty integer YES", "score integer NO", "note text YES");
        assertColumns("plain", "c numeric(5,2) YES 1.50", "a integer NO", "b character varying(10) YES");

        // 2. DROP COLUMN.
        onSource("UPDATE items SET qty = qty + 1", "ALTER TABLE items DROP COLUMN qty",
                "INSERT INTO items (id, name, score) VALUES (6, 'six', 6)", "ALTER TABLE plain DROP COLUMN b",
                "INSERT INTO plain VALUES (1.00, 5)", "DELETE FROM plain WHERE a = 1 LIMIT 1");
        awaitInSync();
        assertColumns("items", "id integer NO", "status character varying(10) NO 'new'::character varying",
                "name character varying(20) NO", "score integer NO", "note text YES");
        assertColumns("plain", "c numeric(5,2) YES 1.50", "a integer NO");

        // 3. RENAME COLUMN and CHANGE (a rename with a new type): renamed in place, values kept.
        onSource("ALTER TABLE items RENAME COLUMN name TO title",
                "INSERT INTO items (id, title, score) VALUES (7, 'seven', 7)",
                "ALTER TABLE items CHANGE COLUMN `note` `remark` VARCHAR(50) DEFAULT 'none'",
                "UPDATE items SET remark = 'changed' WHERE id = 2", "INSERT INTO items (id, title, score) VALUES (8, 'eight', 8)");
        awaitInSync();
        assertColumns("items", "id integer NO", "status character varying(10) NO 'new'::character varying",
                "title character varying(20) NO", "score integer NO",
                "remark character varying(50) YES 'none'::character varying");
        assertEquals("n", targetValue("SELECT remark FROM \"" + database + "\".items WHERE id = 5"),
                "a renamed column keeps its values");

        // 4. MODIFY / CHANGE type, nullability and default; ALTER COLUMN SET/DROP DEFAULT; text to bytes and back
        //    (as UTF-8, like MySQL).
        onSource("ALTER TABLE items MODIFY score BIGINT NULL",
                "INSERT INTO items (id, title, score) VALUES (9, 'nine', 9000000000)",
                "ALTER TABLE items MODIFY title VARCHAR(40) NOT NULL DEFAULT 'untitled', ALTER COLUMN status SET DEFAULT 'old'",
                "INSERT INTO items (id, score) VALUES (10, NULL)",
                "ALTER TABLE items ALTER COLUMN remark DROP DEFAULT, MODIFY status VARCHAR(10) NULL",
                "INSERT INTO items (id, title, status, remark) VALUES (11, 'eleven', NULL, NULL)",
                "ALTER TABLE items MODIFY remark VARBINARY(50)", "UPDATE items SET remark = 'h\u00e9llo' WHERE id = 11",
                "ALTER TABLE items MODIFY remark VARCHAR(50)");
        awaitInSync();
        assertColumns("items", "id integer NO", "status character varying(10) YES",
                "title character varying(40) NO 'untitled'::character varying", "score bigint YES",
                "remark character varying(50) YES");

        // 5. Indexes: a dropped unique index must not refuse the duplicates the source now accepts; a secondary
        //    index is created and dropped again (DdlIndexReplicationTest covers every index form).
        onSource("ALTER TABLE items DROP INDEX uq_name", "INSERT INTO items (id, title, remark) VALUES (12, 'one', NULL)",
                "CREATE INDEX ix_score ON items (score)", "INSERT INTO items (id, title, remark) VALUES (13, 'one', NULL)",
                "DROP INDEX ix_score ON items");
        awaitInSync();
        assertEquals("0", targetValue("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + database
                + "' AND tablename = 'items' AND indexname <> 'items_pkey'"));

        // 6. Primary keys: the sink's upsert key follows.
        onSource("ALTER TABLE items DROP PRIMARY KEY, ADD PRIMARY KEY (id, title)",
                "INSERT INTO items (id, title, remark) VALUES (1, 'one again', NULL)", "UPDATE items SET score = 1 WHERE id = 1",
                "DELETE FROM items WHERE id = 1 AND title = 'one'",
                "ALTER TABLE plain ADD PRIMARY KEY (a)", "DELETE FROM plain WHERE a = 5", "UPDATE plain SET c = 2 WHERE a = 2");
        awaitInSync();
        assertEquals("id,title", targetValue("SELECT string_agg(a.attname, ',' ORDER BY array_position(i.indkey, a.attnum))"
                + " FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = '\"" + database + "\".items'::regclass AND i.indisprimary"));

        // 7. CREATE TABLE … LIKE and CREATE TABLE … AS SELECT (its rows follow as row events).
        onSource("CREATE TABLE items_like LIKE items", "INSERT INTO items_like SELECT * FROM items",
                "CREATE TABLE items_ctas AS SELECT id, title, score FROM items WHERE score IS NOT NULL",
                "UPDATE items_ctas SET score = score + 1");
        awaitInSync();

        // 8. RENAME TABLE (one or several pairs) and ALTER TABLE … RENAME: renamed in place, with its indexes.
        onSource("INSERT INTO plain VALUES (3.5, 6)", "RENAME TABLE plain TO plain2",
                "INSERT INTO plain2 VALUES (4.5, 7)", "RENAME TABLE items TO items2, items_like TO like2",
                "INSERT INTO items2 (id, title, remark) VALUES (20, 'twenty', NULL)",
                "DELETE FROM like2 WHERE id = 2", "ALTER TABLE plain2 RENAME TO plain3",
                "UPDATE plain3 SET c = 8 WHERE a = 7");
        awaitInSync();
        assertEquals("plain3_ix_a", targetValue("SELECT string_agg(indexname, ',') FROM pg_indexes WHERE schemaname = '"
                + database + "' AND indexname NOT LIKE '%pkey'"), "index names follow the table name");
        onSource("DROP INDEX ix_a ON plain3", "INSERT INTO plain3 VALUES (1, 30)");
        awaitInSync();
        assertEquals("0", targetValue("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + database
                + "' AND indexname NOT LIKE '%pkey'"));

        // A form not translated exactly re-copies its table (here one without a key): MySQL fills existing rows
        // with the statement's time, which only the source knows.
        onSource("ALTER TABLE plain3 ADD COLUMN created TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP",
                "INSERT INTO plain3 (a, c) VALUES (9.5, 40)");
        awaitInSync();
        assertEquals("1", targetValue("SELECT count(*) FROM tandem.resync WHERE phase = 'DONE' AND source_database = '"
                + database + "' AND source_table = 'plain3'"));
        assertFalse(daemon.replication().anyFailure().isDone(), "replication never stopped");
    }

    private void onSource(String... statements) throws SQLException {
        try (Connection connection = source.connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private String targetValue(String sql) throws SQLException {
        try (Connection connection = target.connect(targetDatabase); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** A marker row through the binlog: once it is on the target, everything committed before it is too. */
    /**
     * Everything committed so far is on the target: a marker row through the binlog, then (a table being re-copied
     * keeps its target table as it was at the statement until its copy is swapped in) no resync left, then a marker
     * again, which follows the swaps.
     */
    private void awaitInSync() throws Exception {
        awaitMarker();
        Await.until("re-copied tables to be swapped in", WAIT, () -> !daemon.replication().resyncing());
        awaitMarker();
        ComparisonReport report = new RowComparator(source, target, targetDatabase).compare(database);
        assertTrue(report.isEqual(), report.toString());
        assertSameColumnsAsSource();
    }

    private void awaitMarker() throws Exception {
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = source.connect(database);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO marker (nonce) VALUES (?)")) {
            insert.setString(1, nonce);
            insert.executeUpdate();
        }
        Await.until("the marker to reach PostgreSQL", WAIT, () -> {
            if (daemon.replication().anyFailure().isCompletedExceptionally()) {
                daemon.replication().anyFailure().join();
            }
            return nonce.equals(targetValue("SELECT nonce FROM \"" + database + "\".marker WHERE nonce = '" + nonce + "'"));
        });
    }

    /** Every table: the same column names, each with the same nullability, on both sides. */
    private void assertSameColumnsAsSource() throws SQLException {
        TreeMap<String, String> onSource = new TreeMap<>();
        try (Connection connection = source.connect(database);
             PreparedStatement query = connection.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, IS_NULLABLE"
                     + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    onSource.put(rows.getString(1) + "." + rows.getString(2), rows.getString(3));
                }
            }
        }
        TreeMap<String, String> onTarget = new TreeMap<>();
        try (Connection connection = target.connect(targetDatabase);
             PreparedStatement query = connection.prepareStatement("SELECT table_name, column_name, is_nullable"
                     + " FROM information_schema.columns WHERE table_schema = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    onTarget.put(rows.getString(1) + "." + rows.getString(2), rows.getString(3));
                }
            }
        }
        assertEquals(onSource, onTarget);
    }

    /** The target table's columns as {@code name type nullable [default]}, in the given order. */
    private void assertColumns(String table, String... expected) throws SQLException {
        List<String> actual = new ArrayList<>();
        try (Connection connection = target.connect(targetDatabase);
             PreparedStatement query = connection.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
                     + " CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END, pg_get_expr(d.adbin, d.adrelid)"
                     + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                     + " WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass"
                     + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            query.setString(1, database);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    actual.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3)
                            + (rows.getString(4) == null ? "" : " " + rows.getString(4)));
                }
            }
        }
        assertEquals(List.of(expected).stream().sorted().toList(), actual.stream().sorted().toList(), table);
    }
}
