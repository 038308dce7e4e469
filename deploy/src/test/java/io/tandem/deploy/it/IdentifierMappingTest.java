package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.deploy.demo.ServersConfig;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.TandemConfig;
import io.tandem.testkit.TestServers;
import io.tandem.testkit.compare.ComparisonReport;
import io.tandem.testkit.compare.RowComparator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Identifiers PostgreSQL would not take as they are, or would fold or truncate: reserved words, mixed case, spaces,
 * dashes, dots, quotes and backticks, non-ASCII letters, 64-character names, two tables that differ only in case,
 * all in a database whose name has upper-case letters and a dash. Copied, streamed, and changed by DDL while
 * streaming; every table must land under the documented target name (names.case: lower) with equal rows, and
 * {@code tandem.identifiers} must say so.
 */
class IdentifierMappingTest {

    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final String LONG_TABLE_A = "Long_Table_" + "t".repeat(52) + "A";
    private static final String LONG_TABLE_B = "Long_Table_" + "t".repeat(52) + "B";
    private static final String LONG_COLUMN = "Long_Column_" + "c".repeat(52);
    private static final String LONG_ADDED = "Added_Column_" + "c".repeat(51);

    private final SourceServer source = TestServers.source();
    private final TargetServer target = TestServers.target();
    private String emptyDatabase;
    private String database;
    private String targetDatabase;
    private String schema;
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        emptyDatabase = source.createDatabase("names");
        database = emptyDatabase + "_Shop-DB";
        schema = database.toLowerCase(java.util.Locale.ROOT);
        try (Connection connection = source.connect(""); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT @@lower_case_table_names")) {
                rows.next();
                assumeTrue(rows.getInt(1) == 0, "the source folds table names itself (lower_case_table_names)");
            }
            statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
        }
        targetDatabase = target.createDatabase("names");
        onSource("CREATE TABLE marker (id INT AUTO_INCREMENT PRIMARY KEY, nonce VARCHAR(20))",
                "CREATE TABLE `order` (`select` INT PRIMARY KEY, `user` VARCHAR(20), `Mixed Case` INT,"
                        + " `dash-ed` INT, `dot.ted` INT, `quo\"te` VARCHAR(10), `back``tick` VARCHAR(10),"
                        + " `Ünïcödé` VARCHAR(10), `" + LONG_COLUMN + "` INT, KEY `IX-User` (`user`))",
                "CREATE TABLE `Order` (`ID` INT PRIMARY KEY, `Note` TEXT)",
                "CREATE TABLE `" + LONG_TABLE_A + "` (id INT PRIMARY KEY, v INT)",
                "CREATE TABLE `" + LONG_TABLE_B + "` (id INT PRIMARY KEY, v INT)",
                "CREATE TABLE `group` (`Key` VARCHAR(10), `Value` INT)",
                "INSERT INTO `order` VALUES (1, 'ann', 1, 2, 3, 'q\"1', 'b`1', 'ü', 9),"
                        + " (2, 'bob', NULL, NULL, NULL, NULL, NULL, 'Ω', NULL)",
                "INSERT INTO `Order` VALUES (1, 'upper'), (2, 'case')",
                "INSERT INTO `" + LONG_TABLE_A + "` VALUES (1, 10), (2, 20)",
                "INSERT INTO `" + LONG_TABLE_B + "` VALUES (1, 11)",
                "INSERT INTO `group` VALUES ('k', 1), ('k', 1), ('j', NULL)");
        daemon = Daemon.start(config(), line -> { }, 60_000);
        awaitInSync();
    }

    @AfterEach
    void stop() throws SQLException {
        if (daemon != null) {
            daemon.close();
        }
        if (emptyDatabase != null) {
            source.dropDatabase(database);
            source.dropDatabase(emptyDatabase);
        }
    }

    @Test
    void awkwardIdentifiersLandUnderTheirDocumentedNamesThroughSnapshotStreamingAndDdl() throws Exception {
        String longA = "long_table_" + "t".repeat(43) + "_" + hash(LONG_TABLE_A);
        String longB = "long_table_" + "t".repeat(43) + "_" + hash(LONG_TABLE_B);
        String longColumn = "long_column_" + "c".repeat(42) + "_" + hash(LONG_COLUMN);
        assertEquals(Set.of("marker", "order", "Order", longA, longB, "group"), targetTables());
        assertEquals(List.of("select", "user", "mixed case", "dash-ed", "dot.ted", "quo\"te", "back`tick", "Ünïcödé",
                longColumn), targetColumns("order"));
        assertEquals(List.of("key", "value"), targetColumns("group"));
        assertEquals(Set.of("order_ix-user"), targetIndexes());

        onSource("INSERT INTO `order` (`select`, `user`, `quo\"te`) VALUES (3, 'cy', 'q3')",
                "UPDATE `order` SET `Mixed Case` = 7, `back``tick` = 'b`2', `" + LONG_COLUMN + "` = 5 WHERE `select` = 2",
                "DELETE FROM `Order` WHERE `ID` = 1", "INSERT INTO `Order` VALUES (3, 'new')",
                "UPDATE `" + LONG_TABLE_B + "` SET v = 12", "INSERT INTO `" + LONG_TABLE_A + "` VALUES (3, 30)",
                "DELETE FROM `group` WHERE `Key` = 'k' LIMIT 1", "INSERT INTO `group` VALUES ('m', 2)");
        awaitInSync();

        // DDL: names added later follow the same rules, and never take a name already given.
        onSource("ALTER TABLE `order` ADD COLUMN `New Col` INT",
                "INSERT INTO `order` (`select`, `New Col`) VALUES (4, 44)",
                "ALTER TABLE `order` RENAME COLUMN `user` TO `End`",
                "UPDATE `order` SET `End` = 'renamed' WHERE `select` = 1",
                "ALTER TABLE `order` DROP INDEX `ix-user`",
                "CREATE TABLE `Group` (`ID` INT PRIMARY KEY, `Group` VARCHAR(10))",
                "INSERT INTO `Group` VALUES (1, 'upper')",
                "RENAME TABLE `Order` TO `Order Items`", "INSERT INTO `Order Items` VALUES (4, 'after rename')",
                "ALTER TABLE `" + LONG_TABLE_A + "` ADD COLUMN `" + LONG_ADDED + "` INT",
                "INSERT INTO `" + LONG_TABLE_A + "` VALUES (4, 40, 400)");
        awaitInSync();
        assertEquals(Set.of("marker", "order", "order items", longA, longB, "group", "Group"), targetTables());
        assertEquals(List.of("select", "end", "mixed case", "dash-ed", "dot.ted", "quo\"te", "back`tick", "Ünïcödé",
                longColumn, "new col"), targetColumns("order"));
        assertEquals(List.of("id", "group"), targetColumns("Group"));
        assertEquals(List.of("id", "v", "added_column_" + "c".repeat(41) + "_" + hash(LONG_ADDED)),
                targetColumns(longA));
        assertEquals(Set.of(), targetIndexes(), "the dropped index is gone from the target");

        assertEquals(List.of(
                "column|Group|Group|group", "column|Group|ID|id",
                "column|Long_Table_" + "t".repeat(52) + "A|" + LONG_ADDED + "|added_column_" + "c".repeat(41) + "_"
                        + hash(LONG_ADDED),
                "column|Order Items|ID|id", "column|Order Items|Note|note",
                "column|group|Key|key", "column|group|Value|value",
                "column|order|End|end", "column|order|" + LONG_COLUMN + "|" + longColumn,
                "column|order|Mixed Case|mixed case", "column|order|New Col|new col",
                "schema||" + database + "|" + schema,
                "table|" + LONG_TABLE_A + "|" + LONG_TABLE_A + "|" + longA,
                "table|" + LONG_TABLE_B + "|" + LONG_TABLE_B + "|" + longB,
                "table|Order Items|Order Items|order items"), renamedIdentifiers());

        // Names hold across a restart: without `group`, `Group` would fold to `group` if named afresh, but keeps
        // its stored name; a table created while tandem was stopped is named against the stored names.
        onSource("DROP TABLE `group`");
        awaitInSync();
        daemon.close();
        onSource("CREATE TABLE `ORDER` (`ID` INT PRIMARY KEY)", "INSERT INTO `ORDER` VALUES (1)",
                "INSERT INTO `Group` VALUES (2, 'stopped')");
        daemon = Daemon.start(config(), line -> { }, 60_000);
        onSource("INSERT INTO `Group` VALUES (3, 'restarted')", "INSERT INTO `ORDER` VALUES (2)");
        awaitInSync();
        assertEquals(Set.of("marker", "order", "ORDER", "order items", longA, longB, "Group"), targetTables());
        assertEquals(List.of("id", "group"), targetColumns("Group"));
        assertEquals(List.of("id"), targetColumns("ORDER"));
    }

    private TandemConfig config() {
        return ServersConfig.builder("names-it", source, database, target, targetDatabase).build();
    }

    /** 8 hex digits of the SHA-256 of the UTF-8 name, as README "Names" documents the shortening. */
    private static String hash(String name) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 4);
    }

    private void onSource(String... statements) throws SQLException {
        try (Connection connection = source.connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private List<String> targetStrings(String sql, String... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = target.connect(targetDatabase);
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    private Set<String> targetTables() throws SQLException {
        return new TreeSet<>(targetStrings("SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                schema));
    }

    private List<String> targetColumns(String table) throws SQLException {
        return targetStrings("SELECT column_name FROM information_schema.columns WHERE table_schema = ?"
                + " AND table_name = ? ORDER BY ordinal_position", schema, table);
    }

    /** Index names in the schema, primary keys aside. */
    private Set<String> targetIndexes() throws SQLException {
        return new TreeSet<>(targetStrings("SELECT indexname FROM pg_indexes WHERE schemaname = ?"
                + " AND indexname NOT LIKE '%pkey'", schema));
    }

    /** {@code kind|source table|source name|target name} of every identifier tandem did not keep verbatim. */
    private List<String> renamedIdentifiers() throws SQLException {
        return targetStrings("SELECT line FROM (SELECT kind || '|' || coalesce(source_table, '') || '|' || source_name"
                + " || '|' || target_name AS line FROM tandem.identifiers WHERE source_database = ? AND NOT verbatim) n"
                + " ORDER BY line COLLATE \"C\"", database);
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
            return targetStrings("SELECT nonce FROM \"" + schema + "\".marker WHERE nonce = ?", nonce).size() == 1;
        });
        ComparisonReport report = new RowComparator(source, target, targetDatabase).compare(database);
        assertTrue(report.isEqual(), report.toString());
        assertEquals(targetTables().size(), report.tables().size(), "every target table compared: " + report);
    }
}
