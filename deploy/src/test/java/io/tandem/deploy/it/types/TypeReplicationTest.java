package io.tandem.deploy.it.types;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tandem.demo.servers.Flavor;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.deploy.demo.ServersConfig;
import io.tandem.deploy.it.Await;
import io.tandem.deploy.replication.Daemon;
import io.tandem.testkit.TestServers;
import io.tandem.testkit.compare.ComparisonReport;
import io.tandem.testkit.compare.RowComparator;
import io.tandem.testkit.compare.TableComparison;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole engine (snapshot, then streaming) over every type family at its edges, read back out of PostgreSQL
 * and compared value by value with the texts {@link TypeFamilies} states, after the snapshot, after the same
 * values were inserted again while streaming, after every row was updated to another edge value, and after half
 * of them were deleted. The row comparator then checks source against target as a second net. Each family is
 * checked twice: in a table copied by the snapshot (typed from the server's catalog) and in one created while
 * streaming (typed from Debezium's parse of the CREATE TABLE statement).
 *
 * <p>The source session writes in a non-UTC time zone and the engine runs in a JVM whose default zone has
 * daylight saving time, so an instant or wall time converted through a local zone anywhere shows up shifted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypeReplicationTest {

    private static final Duration WAIT = Duration.ofMinutes(1);
    /** Has a DST gap at 2024-03-31 02:00, which one DATETIME case falls into. */
    private static final TimeZone ENGINE_JVM_ZONE = TimeZone.getTimeZone("Europe/Berlin");

    private final SourceServer source = TestServers.source();
    private final TargetServer target = TestServers.target();
    private final Flavor flavor = source.flavor();
    private final List<FamilyTable> tables = new ArrayList<>();
    /** Per phase: table → id → PostgreSQL text per column. */
    private final Map<Phase, Map<String, Map<Integer, List<String>>>> observed = new EnumMap<>(Phase.class);
    private final Map<Phase, ComparisonReport> comparisons = new EnumMap<>(Phase.class);
    private final Map<Phase, TargetKey> identityKeys = new EnumMap<>(Phase.class);
    private TargetKey liveIdentityKey;
    private TimeZone jvmZone;
    private String database;
    private String targetDatabase;
    private Daemon daemon;

    /** What an INSERT without a key on the target got: the generated key, or the error. */
    private record TargetKey(Long id, String error) {
    }

    @BeforeAll
    void replicateEveryPhase() throws Exception {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(ENGINE_JVM_ZONE);
        database = source.createDatabase("types");
        targetDatabase = target.createDatabase("types");
        for (TypeFamily family : TypeFamilies.all()) {
            if (family.unsupportedOn(flavor).isEmpty()) {
                tables.add(new FamilyTable(family, flavor, false));
                tables.add(new FamilyTable(family, flavor, true));
            }
        }
        writeBeforeTheSnapshot();
        daemon = Daemon.start(ServersConfig.of("types-it", source, database, target, targetDatabase), line -> { },
                60_000);
        capture(Phase.SNAPSHOT);
        // Streaming has begun once a row written now arrives; a table created before that would fall in the
        // documented window between the copy and the first streaming start.
        awaitInSync();
        insertWhileStreaming();
        awaitInSync();
        capture(Phase.STREAMED_INSERT);

        List<FamilyTable.SourceWrite> updates = new ArrayList<>();
        tables.forEach(table -> updates.addAll(table.updates()));
        onSource(updates);
        awaitInSync();
        capture(Phase.STREAMED_UPDATE);

        onSource(tables.stream().map(FamilyTable::deletes).toList());
        awaitInSync();
        capture(Phase.STREAMED_DELETE);
    }

    private void writeBeforeTheSnapshot() throws SQLException {
        List<FamilyTable.SourceWrite> writes = new ArrayList<>();
        writes.add(write("CREATE TABLE marker (id INT AUTO_INCREMENT PRIMARY KEY, nonce VARCHAR(20))"));
        writes.add(write("CREATE TABLE auto_inc (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))"));
        writes.add(write("INSERT INTO auto_inc (v) VALUES ('first'), ('second')"));
        writes.add(write("INSERT INTO auto_inc (id, v) VALUES (100, 'explicit')"));
        for (FamilyTable table : copiedTables()) {
            writes.add(write(table.createTable()));
            writes.addAll(table.inserts(0));
        }
        onSource(writes);
    }

    /** The copied tables get the same values under new keys; the others are created and get both sets. */
    private void insertWhileStreaming() throws SQLException {
        List<FamilyTable.SourceWrite> writes = new ArrayList<>();
        writes.add(write("INSERT INTO auto_inc (v) VALUES ('streamed')"));
        writes.add(write("INSERT INTO auto_inc (id, v) VALUES (500, 'streamed explicit')"));
        writes.add(write("CREATE TABLE auto_inc_live (id BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))"));
        writes.add(write("INSERT INTO auto_inc_live (id, v) VALUES (700, 'explicit'), (3, 'smaller')"));
        for (FamilyTable table : tables) {
            if (table.createdWhileStreaming()) {
                writes.add(write(table.createTable()));
                writes.addAll(table.inserts(0));
            }
            writes.addAll(table.inserts(FamilyTable.STREAMED_ID_OFFSET));
        }
        onSource(writes);
    }

    @AfterAll
    void stop() throws SQLException {
        if (daemon != null) {
            daemon.close();
        }
        if (jvmZone != null) {
            TimeZone.setDefault(jvmZone);
        }
        if (database != null) {
            source.dropDatabase(database);
            target.dropDatabase(targetDatabase);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyValueOfEveryFamilyAfterEveryPhase() {
        return dynamicValueTests(false, List.of(Phase.values()));
    }

    /** The same values in tables created while streaming: their types come from Debezium's parse of the DDL. */
    @TestFactory
    Stream<DynamicTest> everyValueOfEveryFamilyInATableCreatedWhileStreaming() {
        return dynamicValueTests(true, List.of(Phase.STREAMED_INSERT, Phase.STREAMED_UPDATE, Phase.STREAMED_DELETE));
    }

    private Stream<DynamicTest> dynamicValueTests(boolean createdWhileStreaming, List<Phase> phases) {
        List<DynamicTest> tests = new ArrayList<>();
        for (TypeFamily family : TypeFamilies.all()) {
            for (Phase phase : phases) {
                tests.add(DynamicTest.dynamicTest(family.name() + " after " + phase, () -> {
                    Optional<String> unsupported = family.unsupportedOn(flavor);
                    assumeTrue(unsupported.isEmpty(), unsupported::get);
                    FamilyTable table = tables.stream()
                            .filter(t -> t.family().name().equals(family.name()))
                            .filter(t -> t.createdWhileStreaming() == createdWhileStreaming)
                            .findFirst().orElseThrow();
                    assertValues(table, phase);
                }));
            }
        }
        return tests.stream();
    }

    private List<FamilyTable> copiedTables() {
        return tables.stream().filter(table -> !table.createdWhileStreaming()).toList();
    }

    /**
     * Every table equal row by row, except those of {@link TypeFamilies#valuePolicies()}: a policy changes their
     * values on purpose, and their value-by-value check says into what.
     */
    @TestFactory
    Stream<DynamicTest> sourceAndTargetRowsAreEqualAfterEveryPhase() {
        Set<String> changedByPolicy = tables.stream()
                .filter(table -> table.family().name().equals(TypeFamilies.valuePolicies().name()))
                .map(FamilyTable::name).collect(Collectors.toSet());
        return Stream.of(Phase.values()).map(phase -> DynamicTest.dynamicTest("rows equal after " + phase, () -> {
            ComparisonReport report = comparisons.get(phase);
            List<String> differing = report.differences().stream().map(TableComparison::table)
                    .filter(table -> !changedByPolicy.contains(table)).toList();
            assertTrue(differing.isEmpty(), report.toString());
        }));
    }

    @Test
    void anInsertOnTheTargetWithoutAKeyGetsOnePastTheLargestReplicatedKey() {
        TargetKey afterSnapshot = identityKeys.get(Phase.SNAPSHOT);
        assertNull(afterSnapshot.error(), "after the snapshot");
        assertTrue(afterSnapshot.id() > 100, "after the snapshot copied key 100: " + afterSnapshot.id());
        TargetKey afterStreaming = identityKeys.get(Phase.STREAMED_INSERT);
        assertNull(afterStreaming.error(), "after streaming");
        assertTrue(afterStreaming.id() > 500, "after key 500 was streamed: " + afterStreaming.id());
        assertNull(liveIdentityKey.error(), "in a table created while streaming");
        assertTrue(liveIdentityKey.id() > 700, "after key 700 was streamed into a table created while streaming: "
                + liveIdentityKey.id());
    }

    private void assertValues(FamilyTable table, Phase phase) {
        Map<Integer, List<String>> expected = table.expected(phase);
        Map<Integer, List<String>> actual = observed.get(phase).get(table.name());
        List<String> problems = new ArrayList<>();
        if (!expected.keySet().equals(actual.keySet())) {
            problems.add("ids: expected " + expected.keySet() + " but the target has " + actual.keySet());
        }
        List<String> columns = table.columns();
        expected.forEach((id, row) -> {
            List<String> actualRow = actual.get(id);
            for (int i = 0; actualRow != null && i < columns.size(); i++) {
                if (!Objects.equals(row.get(i), actualRow.get(i))) {
                    problems.add("row " + id + " column " + columns.get(i) + " " + table.describeColumn(i)
                            + " (row written as " + table.describeValue(id, phase) + "): expected "
                            + Shorten.text(row.get(i)) + " but PostgreSQL has " + Shorten.text(actualRow.get(i)));
                }
            }
        });
        if (!problems.isEmpty()) {
            fail(table.name() + " after " + phase + ", " + problems.size() + " difference(s):\n  "
                    + String.join("\n  ", problems));
        }
    }

    private void capture(Phase phase) throws SQLException {
        Map<String, Map<Integer, List<String>>> byTable = new LinkedHashMap<>();
        try (Connection connection = target.connect(targetDatabase);
             Statement statement = connection.createStatement()) {
            // Expected texts of timestamptz are in UTC; the session would otherwise use the JVM's zone.
            statement.execute("SET TimeZone = 'UTC'");
            for (FamilyTable table : phase == Phase.SNAPSHOT ? copiedTables() : tables) {
                byTable.put(table.name(), readRows(statement, table));
            }
        }
        observed.put(phase, byTable);
        comparisons.put(phase, new RowComparator(source, target, targetDatabase).compare(database));
        if (phase == Phase.SNAPSHOT || phase == Phase.STREAMED_INSERT) {
            identityKeys.put(phase, insertOnTargetWithoutKey("auto_inc"));
        }
        if (phase == Phase.STREAMED_INSERT) {
            liveIdentityKey = insertOnTargetWithoutKey("auto_inc_live");
        }
    }

    private Map<Integer, List<String>> readRows(Statement statement, FamilyTable table) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id");
        table.columns().forEach(column -> sql.append(", \"").append(column).append('"'));
        sql.append(" FROM \"").append(database).append("\".\"").append(table.name()).append("\" ORDER BY id");
        Map<Integer, List<String>> rows = new TreeMap<>();
        try (ResultSet result = statement.executeQuery(sql.toString())) {
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < table.columns().size(); i++) {
                    row.add(result.getString(i + 2));
                }
                rows.put(result.getInt(1), row);
            }
        }
        return rows;
    }

    /** Inserts a row without a key on the target and rolls it back (the sequence keeps the value it handed out). */
    private TargetKey insertOnTargetWithoutKey(String table) throws SQLException {
        try (Connection connection = target.connect(targetDatabase)) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO \"" + database + "\".\"" + table + "\" (v) VALUES ('on target') RETURNING id");
                 ResultSet key = insert.executeQuery()) {
                key.next();
                return new TargetKey(key.getLong(1), null);
            } catch (SQLException e) {
                return new TargetKey(null, e.getMessage());
            } finally {
                connection.rollback();
            }
        }
    }

    private static FamilyTable.SourceWrite write(String sql) {
        return new FamilyTable.SourceWrite(sql, null);
    }

    private void onSource(List<FamilyTable.SourceWrite> writes) throws SQLException {
        SourceWrites.run(source, database, writes);
    }

    /** A marker row through the binlog: once it is on the target, everything committed before it is too. */
    private void awaitInSync() throws SQLException {
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = source.connect(database);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO marker (nonce) VALUES (?)")) {
            insert.setString(1, nonce);
            insert.executeUpdate();
        }
        Await.until("the marker to reach PostgreSQL", WAIT, () -> {
            if (daemon.replication().anyFailure().isDone()) {
                return true;
            }
            try (Connection connection = target.connect(targetDatabase);
                 PreparedStatement query = connection.prepareStatement(
                         "SELECT 1 FROM \"" + database + "\".marker WHERE nonce = ?")) {
                query.setString(1, nonce);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
        if (daemon.replication().anyFailure().isDone()) {
            daemon.replication().anyFailure().join();
            throw new IllegalStateException("replication stopped without an error before the marker arrived");
        }
    }
}
