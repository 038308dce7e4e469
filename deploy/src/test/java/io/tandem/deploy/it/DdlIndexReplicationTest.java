package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.deploy.demo.ServersConfig;
import io.tandem.deploy.replication.Daemon;
import io.tandem.testkit.TestServers;
import io.tandem.testkit.compare.ComparisonReport;
import io.tandem.testkit.compare.RowComparator;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The index forms of schema changes, multi-table rename swaps and statements with several clauses, issued while
 * streaming with rows written before and after each; and what {@code ddl.on-unsupported} does with a statement
 * tandem cannot translate. After each step the target's rows, columns, primary keys and indexes (names,
 * uniqueness, columns) must equal the source's, FULLTEXT and prefix indexes excepted (never created).
 */
class DdlIndexReplicationTest {

    private static final Duration WAIT = Duration.ofMinutes(1);

    private final SourceServer source = TestServers.source();
    private final TargetServer target = TestServers.target();
    private String database;
    private String targetDatabase;
    private Daemon daemon;

    @BeforeEach
    void createTables() throws Exception {
        database = source.createDatabase("ddlix");
        targetDatabase = target.createDatabase("ddlix");
        onSource("CREATE TABLE marker (id INT AUTO_INCREMENT PRIMARY KEY, nonce VARCHAR(20))",
                "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, code VARCHAR(10), qty INT)",
                "CREATE TABLE keyless (a INT NOT NULL, b VARCHAR(10))",
                "CREATE TABLE left_t (id INT PRIMARY KEY, v VARCHAR(10), KEY ix_v (v))",
                "CREATE TABLE right_t (id INT PRIMARY KEY, w INT, UNIQUE KEY uq_w (w))",
                "INSERT INTO items VALUES (1, 'one', 'a', 1)", "INSERT INTO keyless VALUES (1, 'x')");
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void indexesFollowTheSourceInEveryForm() throws Exception {
        start("fail");

        // New indexes: CREATE [UNIQUE] INDEX, ADD INDEX/UNIQUE (named and unnamed), ADD CONSTRAINT … UNIQUE, a
        // column's UNIQUE; prefix and FULLTEXT indexes are not created, as at snapshot time.
        onSource("INSERT INTO items VALUES (2, 'two', 'b', 2)",
                "CREATE UNIQUE INDEX uq_name ON items (name)",
                "INSERT INTO items VALUES (3, 'three', 'c', 3)",
                "ALTER TABLE items ADD INDEX ix_code_qty (code, qty), ADD UNIQUE (code)",
                "ALTER TABLE items ADD CONSTRAINT c_qty UNIQUE KEY (qty)",
                "UPDATE items SET qty = 30 WHERE id = 3",
                "ALTER TABLE items ADD COLUMN tag VARCHAR(5) UNIQUE FIRST, ADD INDEX (tag)",
                "INSERT INTO items VALUES ('t4', 4, 'four', 'd', 4)", // positional: tag is the first column now
                "CREATE INDEX ix_prefix ON items (name(3))", "ALTER TABLE items ADD FULLTEXT ft (name)",
                "INSERT INTO items (id, name, code, qty, tag) VALUES (5, 'five', 'e', 5, 't5')",
                // A unique index on a table without a key: Debezium calls it the key, the source has none.
                "CREATE UNIQUE INDEX uq_a ON keyless (a)", "INSERT INTO keyless VALUES (2, 'y')");
        awaitInSync();
        assertEquals(List.of("items_code", "items_tag", "items_tag_2"), targetIndexNames("items_code",
                "items_tag", "items_tag_2"), "unnamed indexes are named as the source names them");

        // Renames and drops, alone and with other clauses in one statement; rows the source accepts once a unique
        // index is gone must be accepted by the target too.
        onSource("ALTER TABLE items RENAME INDEX ix_code_qty TO ix_cq, RENAME KEY uq_name TO uq_title",
                "INSERT INTO items (id, name, code, qty, tag) VALUES (6, 'six', 'f', 6, 't6')",
                "ALTER TABLE items DROP CONSTRAINT c_qty",
                "INSERT INTO items (id, name, code, qty, tag) VALUES (7, 'seven', 'g', 6, 't7')",
                "DROP INDEX uq_a ON keyless", "INSERT INTO keyless VALUES (1, 'dup')",
                "ALTER TABLE items DROP INDEX `code`, ADD UNIQUE INDEX uq_cq (code, qty)",
                "INSERT INTO items (id, name, code, qty, tag) VALUES (8, 'eight', 'a', 8, 't8')",
                "ALTER TABLE items DROP KEY ix_cq, ADD COLUMN extra INT DEFAULT 7 AFTER name, "
                        + "RENAME INDEX uq_title TO uq_name2, DROP COLUMN tag, MODIFY qty BIGINT",
                "INSERT INTO items (id, name, code, qty) VALUES (9, 'nine', 'h', 9)", "DELETE FROM items WHERE id = 2",
                // MySQL keeps an index that loses a column on the columns that remain.
                "ALTER TABLE items ADD INDEX ix_name_extra (name, extra)", "ALTER TABLE items DROP COLUMN extra",
                "INSERT INTO items (id, name, code, qty) VALUES (12, 'twelve', 'k', 12)");
        awaitInSync();

        // A swap through a temporary name, with rows written to both tables before and after.
        onSource("INSERT INTO left_t VALUES (1, 'l1')", "INSERT INTO right_t VALUES (1, 10)",
                "RENAME TABLE left_t TO tmp_swap, right_t TO left_t, tmp_swap TO right_t",
                "INSERT INTO left_t VALUES (2, 20)", "INSERT INTO right_t VALUES (2, 'l2')",
                "UPDATE left_t SET w = 11 WHERE id = 1", "DELETE FROM right_t WHERE id = 1");
        awaitInSync();
        assertEquals(List.of("left_t_uq_w", "right_t_ix_v"), targetIndexNames("left_t_uq_w", "right_t_ix_v"),
                "index names follow their tables through the swap");
        onSource("RENAME TABLE left_t TO t1, right_t TO left_t, t1 TO t2, t2 TO right_t",
                "INSERT INTO left_t VALUES (3, 'l3')", "INSERT INTO right_t VALUES (3, 30)");
        awaitInSync();

        // CREATE TABLE with its indexes (a keyless one with a unique NOT NULL key among them), LIKE a replicated
        // table (its key and indexes are copied), and AS SELECT with a declared key.
        onSource("CREATE TABLE created (id INT NOT NULL, email VARCHAR(30) NOT NULL UNIQUE, city VARCHAR(20), "
                        + "KEY (city), KEY ix_both (city, email), UNIQUE KEY uq_id (id), FULLTEXT KEY (city))",
                "INSERT INTO created VALUES (1, 'a@x', 'c'), (2, 'b@x', 'c')",
                "CREATE TABLE items_copy LIKE items", "INSERT INTO items_copy SELECT * FROM items",
                "CREATE TABLE summary (PRIMARY KEY (id)) AS SELECT id, name FROM items",
                "UPDATE created SET city = 'd' WHERE id = 1", "DELETE FROM items_copy WHERE id = 1",
                "UPDATE summary SET name = 'x' WHERE id = 3");
        awaitInSync();

        // A table rename together with other changes in one ALTER: renamed first, then changed.
        onSource("INSERT INTO items (id, name, code, qty) VALUES (10, 'ten', 'i', 10)",
                "ALTER TABLE items RENAME TO goods, ADD COLUMN note VARCHAR(10) NOT NULL DEFAULT 'n', "
                        + "ADD INDEX ix_note (note), RENAME INDEX uq_name2 TO uq_goods_name",
                "INSERT INTO goods (id, name, code, qty, note) VALUES (11, 'eleven', 'j', 11, 'x')",
                "UPDATE goods SET note = 'y' WHERE id = 1");
        awaitInSync();
        assertEquals(0L, Long.parseLong(targetValue("SELECT count(*) FROM " + SkippedDdl.TABLE)));
    }

    @Test
    void anUnsupportedStatementIsRecordedAndSkippedWhenConfigured() throws Exception {
        start("skip");
        onSource("INSERT INTO items VALUES (2, 'two', 'b', 2)",
                // MySQL numbers existing rows in its own order: no exact translation.
                "ALTER TABLE items MODIFY id INT NOT NULL AUTO_INCREMENT",
                "INSERT INTO items (name, code, qty) VALUES ('three', 'c', 3)", "UPDATE items SET qty = 20 WHERE id = 2");
        awaitInSync();

        List<String> skipped = SkippedDdl.read(target, targetDatabase);
        assertEquals(1, skipped.size(), skipped.toString());
        assertTrue(skipped.get(0).startsWith(database + ".items | ALTER TABLE items MODIFY id INT NOT NULL "
                + "AUTO_INCREMENT | schema change on " + database + ".items is not supported yet: ALTER TABLE items "
                + "MODIFY id INT NOT NULL AUTO_INCREMENT at mysql-bin."), skipped.get(0));
        InetSocketAddress control = daemon.control().address();
        assertEquals(1, new ObjectMapper().readTree(ControlHttp.get(control, "/status")).get("ddlSkipped").asLong());
        assertTrue(ControlHttp.get(control, "/metrics").contains("tandem_ddl_skipped_total{table=\"" + database + ".items\"} 1\n"));
    }

    @Test
    void anUnsupportedStatementStopsReplicationWithFail() throws Exception {
        start("fail");
        onSource("INSERT INTO items VALUES (2, 'two', 'b', 2)", "ALTER TABLE items MODIFY id INT NOT NULL AUTO_INCREMENT");
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> daemon.replication().anyFailure().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        String message = failure.getCause().getMessage();
        assertTrue(message.contains("schema change on " + database + ".items is not supported yet: ALTER TABLE items "
                + "MODIFY id INT NOT NULL AUTO_INCREMENT at mysql-bin."), message);
        assertTrue(message.contains("becomes AUTO_INCREMENT"), message);
    }

    private void start(String onUnsupported) throws Exception {
        daemon = Daemon.start(ServersConfig.builder("ddlix-it", source, database, target, targetDatabase)
                .set("ddl.on-unsupported", onUnsupported).build(), line -> { }, 60_000);
        awaitInSync();
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

    /** Which of {@code names} are index names in the target schema, sorted. */
    private List<String> targetIndexNames(String... names) throws SQLException {
        TreeSet<String> found = new TreeSet<>();
        for (String index : TargetIndexes.read(target, targetDatabase, database)) {
            for (String name : names) {
                if (index.contains(" " + name + " ")) {
                    found.add(name);
                }
            }
        }
        return List.copyOf(found);
    }

    /** A marker row through the binlog: once it is on the target, everything committed before it is too. */
    private void awaitInSync() throws Exception {
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
        ComparisonReport report = new RowComparator(source, target, targetDatabase).compare(database);
        assertTrue(report.isEqual(), report.toString());
        assertEquals(SourceIndexes.read(source, database), TargetIndexes.read(target, targetDatabase, database));
    }


    /**
     * The source's keys and indexes as the target should have them: {@code table name kind (columns)}, the index
     * named {@code <table>_<index>} and every name folded to lower case, as {@code names.case: lower} names them
     * (the test's names are short and do not clash); FULLTEXT, SPATIAL and prefix indexes left out.
     */
    static final class SourceIndexes {

        static TreeSet<String> read(SourceServer source, String database) throws SQLException {
            TreeSet<String> indexes = new TreeSet<>();
            try (Connection connection = source.connect(database);
                 PreparedStatement query = connection.prepareStatement("SELECT TABLE_NAME, INDEX_NAME, MIN(NON_UNIQUE),"
                         + " GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX), MAX(SUB_PART IS NOT NULL), MIN(INDEX_TYPE)"
                         + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? GROUP BY TABLE_NAME, INDEX_NAME")) {
                query.setString(1, database);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String table = rows.getString(1);
                        String index = rows.getString(2);
                        if (rows.getBoolean(5) || !rows.getString(6).equals("BTREE")) {
                            continue;
                        }
                        String kind = index.equals("PRIMARY") ? "primary" : rows.getInt(3) == 0 ? "unique" : "index";
                        String name = index.equals("PRIMARY") ? "PRIMARY" : folded(table + "_" + index);
                        indexes.add(folded(table) + " " + name + " " + kind + " (" + folded(rows.getString(4)) + ")");
                    }
                }
            }
            return indexes;
        }

        private static String folded(String name) {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    /** The target schema's keys and indexes as {@code table name kind (columns)}; a primary key is named PRIMARY. */
    static final class TargetIndexes {

        static TreeSet<String> read(TargetServer target, String targetDatabase, String schema) throws SQLException {
            TreeSet<String> indexes = new TreeSet<>();
            try (Connection connection = target.connect(targetDatabase);
                 PreparedStatement query = connection.prepareStatement("SELECT t.relname, i.relname, x.indisprimary,"
                         + " x.indisunique, (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(x.indkey)"
                         + " WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a ON a.attrelid = x.indrelid"
                         + " AND a.attnum = k.attnum)"
                         + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                         + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ?")) {
                query.setString(1, schema);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        boolean primary = rows.getBoolean(3);
                        String kind = primary ? "primary" : rows.getBoolean(4) ? "unique" : "index";
                        indexes.add(rows.getString(1) + " " + (primary ? "PRIMARY" : rows.getString(2)) + " " + kind
                                + " (" + rows.getString(5) + ")");
                    }
                }
            }
            return indexes;
        }
    }

    /** {@code tandem.skipped_ddl} rows as {@code table | statement | reason}, oldest first. */
    static final class SkippedDdl {

        static final String TABLE = "tandem.skipped_ddl";

        static List<String> read(TargetServer target, String targetDatabase) throws SQLException {
            try (Connection connection = target.connect(targetDatabase); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT source_table, statement, reason, position_description,"
                         + " source_position::text FROM " + TABLE + " ORDER BY id")) {
                ArrayList<String> skipped = new ArrayList<>();
                while (rows.next()) {
                    assertTrue(rows.getString(3).contains(" at " + rows.getString(4)), "the reason names the position");
                    assertTrue(rows.getString(5).contains("\"pos\""), rows.getString(5));
                    skipped.add(rows.getString(1) + " | " + rows.getString(2) + " | " + rows.getString(3));
                }
                return skipped;
            }
        }
    }
}
