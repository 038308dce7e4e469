package io.tandem.deploy.it.types;

import static io.tandem.deploy.it.types.TypeCase.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.postgres.stream.ReverseMode;
import io.tandem.cutover.CutoverReport;
import io.tandem.cutover.CutoverState;
import io.tandem.cutover.Direction;
import io.tandem.demo.servers.Flavor;
import io.tandem.deploy.it.Await;
import io.tandem.deploy.it.SourceFixture;
import io.tandem.deploy.it.cutover.CutoverFixture;
import io.tandem.deploy.replication.Daemon;
import io.tandem.deploy.replication.ReverseReplication;
import io.tandem.engine.config.TandemConfig;
import io.tandem.testkit.compare.ComparisonReport;
import io.tandem.testkit.compare.RowComparator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * MySQL → PostgreSQL → MySQL for every type family of {@link TypeFamilies} at its edges, plus large values
 * PostgreSQL stores out of line (TOAST), a table without a key holding identical rows, and TRUNCATE.
 *
 * <p>The snapshot copies the tables; the way back is armed in shadow mode; a cutover opens PostgreSQL. There every
 * value is made to travel back: per table one transaction updates only the {@code marker} column of every row (so
 * unchanged TOASTed values arrive without their value and must come from the before image), copies every row under
 * its key + {@value #COPY_OFFSET}, and deletes a third of the copies. Once a sentinel row written last on
 * PostgreSQL is on MySQL, MySQL must equal PostgreSQL row by row, and both the updated originals and the copies on
 * MySQL must equal, column by column on the server ({@code <=>} and the stored bytes), the rows as they were on
 * MySQL before the daemon started (saved in a database tandem does not replicate).
 *
 * <p>What does not round trip, on purpose: the value policies change a value going forward, and the way back
 * carries PostgreSQL's value. Observed: zero and invalid dates ({@code 0000-00-00}, {@code 2024-00-15}, in DATE,
 * DATETIME and TIMESTAMP) are NULL on PostgreSQL and come back as NULL; NUL characters stripped going forward stay
 * stripped. Only rows changed on PostgreSQL are written back, so MySQL keeps the original in rows nobody touched
 * after the cutover. Negative zero in a DOUBLE came back as {@code 0} until the reverse sink bound it as
 * {@code -0e0}; it round trips now. The ENUM error member (index 0, which only a non-strict session writes) is not in this suite: it is
 * {@code ''} on PostgreSQL, which the reverse stream's strict session cannot write into an ENUM without {@code ''}
 * among its labels, so a change to such a row stops the reverse stream (as any value MySQL cannot hold does).
 *
 * <p>Last, a value MySQL cannot hold ({@code infinity} in a DATETIME column) must stop the reverse stream naming the
 * table and column, and nothing of its transaction may reach MySQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypeRoundTripTest {

    private static final Duration WAIT = Duration.ofMinutes(2);
    /** Has a DST gap at 2024-03-31 02:00, which one DATETIME case falls into. */
    private static final TimeZone ENGINE_JVM_ZONE = TimeZone.getTimeZone("Europe/Berlin");
    private static final int COPY_OFFSET = 1000;
    private static final String POLICIES = TypeFamilies.valuePolicies().name();

    private final List<FamilyTable> tables = new ArrayList<>();
    private SourceFixture data;
    private String before;
    private TimeZone jvmZone;
    private Daemon daemon;
    private ReverseReplication reverse;
    private int sentinels;

    // What the round trip left, read once it was over.
    private ComparisonReport mySqlAgainstPostgres;
    /** Per table: each (row, column) whose value on MySQL differs from the saved original. */
    private final Map<String, List<String>> changed = new LinkedHashMap<>();
    private final Map<String, List<String>> missingRows = new LinkedHashMap<>();
    private List<String> keylessRows;
    private List<String> truncatedRows;
    private long outOfLineValues;

    // The value MySQL cannot hold.
    private String failedPhase;
    private String failureReason;
    private boolean doomedSentinelOnMySql;
    private List<String> doomedRowChanges;

    @BeforeAll
    void roundTrip() throws Exception {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(ENGINE_JVM_ZONE);
        data = SourceFixture.withoutSakila("roundtrip");
        before = data.source.createDatabase("roundtrip_before");
        createSourceTables();
        saveOriginals();
        Path directory = Files.createTempDirectory("tandem-roundtrip-");
        daemon = Daemon.start(TandemConfig.load(writeConfig(directory)), line -> { }, 60_000);
        reverse = daemon.reverse();
        Await.until("the way back to shadow", WAIT, () -> reverse.notReadyFor(ReverseMode.SHADOW) == null);
        CutoverFixture.awaitReady(daemon);
        CutoverReport cutover = daemon.cutover().run(Direction.CUTOVER, step -> { });
        assertEquals(CutoverState.COMPLETED, cutover.state(), cutover.reason() + "\n" + cutover.steps());

        writeOnPostgres();
        awaitOnMySql(writeSentinel());
        capture();
        writeWhatMySqlCannotHold();
    }

    @AfterAll
    void stop() throws SQLException {
        if (daemon != null) {
            daemon.close();
        }
        if (jvmZone != null) {
            TimeZone.setDefault(jvmZone);
        }
        if (data == null) {
            return;
        }
        try (Connection mysql = data.source.connect(data.database); Statement statement = mysql.createStatement()) {
            // The cutover left the shared server read-only.
            statement.execute("SET GLOBAL read_only = OFF");
        }
        try (Connection admin = data.target.connect(data.targetDatabase);
             PreparedStatement drop = admin.prepareStatement("SELECT pg_drop_replication_slot(slot_name)"
                     + " FROM pg_replication_slots WHERE database = current_database() AND NOT active")) {
            drop.executeQuery().close();
        }
        data.source.dropDatabase(data.database);
        data.source.dropDatabase(before);
        data.target.dropDatabase(data.targetDatabase);
    }

    @Test
    void mySqlEqualsPostgresRowByRow() {
        assertTrue(mySqlAgainstPostgres.isEqual(), mySqlAgainstPostgres.toString());
    }

    /** Per table: the originals (updated on PostgreSQL) and their copies equal the saved originals. */
    @TestFactory
    Stream<DynamicTest> everyValueCameBackAsItWasOnMySql() {
        return tables.stream().map(table -> DynamicTest.dynamicTest(table.name(), () -> {
            assertEquals(List.of(), missingRows.get(table.name()), "rows");
            List<String> unexpected = new ArrayList<>(changed.get(table.name()));
            unexpected.removeAll(changedByPolicy(table));
            assertEquals(List.of(), unexpected, "values that differ from the original on MySQL");
        }));
    }

    /** The values the policies changed going forward come back as PostgreSQL holds them: NULL, or stripped. */
    @Test
    void valuePolicyOutcomesComeBackAsPostgresHoldsThem() throws SQLException {
        FamilyTable policies = tables.stream().filter(t -> t.name().equals(POLICIES)).findFirst().orElseThrow();
        List<String> expected = changedByPolicy(policies);
        assertEquals(expected, changed.get(POLICIES), "the values the policies changed");
        List<TypeCase> cases = policies.family().cases();
        try (Connection mysql = data.source.connect(data.database)) {
            for (int i = 0; i < cases.size(); i++) {
                if (changedByPolicy(cases.get(i))) {
                    String column = policies.column(cases.get(i));
                    for (int id : survivors(i + 1)) {
                        assertEquals(cases.get(i).expected(), text(mysql, POLICIES, column, id),
                                "row " + id + " (" + cases.get(i) + ") on MySQL");
                    }
                }
            }
        }
    }

    /** Otherwise the marker updates would not have sent any unchanged-TOAST placeholder back. */
    @Test
    void theLargeValuesAreStoredOutOfLineOnPostgres() {
        assertTrue(outOfLineValues >= 4, "values in the large table's TOAST relation: " + outOfLineValues);
    }

    @Test
    void theKeylessTableLostOneIdenticalRowAndChangedAnother() {
        assertEquals(List.of("a|1|null x2", "a|1|changed x1", "b|2|x x1"), keylessRows);
    }

    @Test
    void truncateEmptiedTheTableOnMySql() {
        assertEquals(List.of("100|after truncate"), truncatedRows);
    }

    @Test
    void aValueMySqlCannotHoldStopsTheReverseStreamAndNothingOfItsTransactionArrives() {
        String column = temporal().column(datetimeCase());
        assertEquals(ReverseReplication.Phase.FAILED.name(), failedPhase, failureReason);
        assertTrue(failureReason.contains("temporal") && failureReason.contains(column)
                && failureReason.contains("infinity"), "the reason names the table, the column and the value: "
                + failureReason);
        assertFalse(doomedSentinelOnMySql, "the sentinel written in the same transaction reached MySQL");
        assertEquals(List.of(), doomedRowChanges, "the row the transaction changed, against the saved original");
    }

    private void createSourceTables() throws SQLException {
        Flavor flavor = data.source.flavor();
        List<FamilyTable.SourceWrite> writes = new ArrayList<>();
        Stream.concat(TypeFamilies.all().stream(), Stream.of(large()))
                .filter(family -> family.unsupportedOn(flavor).isEmpty())
                .map(TypeRoundTripTest::roundTrippable)
                .forEach(family -> tables.add(new FamilyTable(family, flavor, false)));
        for (FamilyTable table : tables) {
            writes.add(write(table.createTable()));
            writes.add(write("ALTER TABLE `" + table.name() + "` ADD COLUMN marker INT NOT NULL DEFAULT 0"));
            writes.addAll(table.inserts(0));
        }
        writes.add(write("CREATE TABLE dup_rows (kind VARCHAR(10), n INT, note TEXT)"));
        writes.add(write("INSERT INTO dup_rows VALUES ('a', 1, NULL), ('a', 1, NULL), ('a', 1, NULL),"
                + " ('b', 2, 'x'), ('b', 2, 'x')"));
        writes.add(write("CREATE TABLE truncated (id INT PRIMARY KEY, v VARCHAR(20))"));
        writes.add(write("INSERT INTO truncated VALUES (1, 'one'), (2, 'two'), (3, 'three')"));
        writes.add(write("CREATE TABLE sentinel (id INT PRIMARY KEY, nonce VARCHAR(40))"));
        SourceWrites.run(data.source, data.database, writes);
    }

    /** A copy of every family table as it is now, in a database tandem does not replicate. */
    private void saveOriginals() throws SQLException {
        List<FamilyTable.SourceWrite> writes = new ArrayList<>();
        for (FamilyTable table : tables) {
            String columns = String.join(", ", storedColumns(table));
            writes.add(write("CREATE TABLE `" + before + "`.`" + table.name() + "` LIKE `" + table.name() + "`"));
            // Non-strict: zero dates are copied as they are.
            writes.add(new FamilyTable.SourceWrite("INSERT INTO `" + before + "`.`" + table.name() + "` (" + columns
                    + ") SELECT " + columns + " FROM `" + table.name() + "`", ""));
        }
        SourceWrites.run(data.source, data.database, writes);
    }

    private Path writeConfig(Path directory) throws Exception {
        Path adminPassword = Files.writeString(directory.resolve("source-admin-password"),
                data.source.adminPassword());
        return data.writeConfig(directory, """
                cutover:
                  max-lag: 5s
                  source-admin:
                    user: %s
                    password: ${file:%s}
                failback:
                  max-lag: 5s
                """.formatted(data.source.adminUser(), adminPassword));
    }

    /** Per family table one transaction: marker update, copies, deletes; then the keyless table; then TRUNCATE. */
    private void writeOnPostgres() throws SQLException {
        try (Connection postgres = targetSession(); Statement statement = postgres.createStatement()) {
            postgres.setAutoCommit(false);
            for (FamilyTable table : tables) {
                String name = "\"" + table.name() + "\"";
                List<String> columns = postgresColumns(postgres, table.name());
                statement.execute("UPDATE " + name + " SET marker = 1");
                statement.execute("INSERT INTO " + name + " (" + String.join(", ", columns) + ") SELECT "
                        + String.join(", ", columns.stream().map(c -> c.equals("\"id\"") ? "id + " + COPY_OFFSET : c)
                                .toList()) + " FROM " + name);
                statement.execute("DELETE FROM " + name + " WHERE id > " + COPY_OFFSET + " AND id % 3 = 0");
                postgres.commit();
            }
            statement.execute("UPDATE dup_rows SET note = 'changed'"
                    + " WHERE ctid = (SELECT ctid FROM dup_rows WHERE kind = 'a' LIMIT 1)");
            statement.execute("DELETE FROM dup_rows WHERE ctid = (SELECT ctid FROM dup_rows WHERE kind = 'b' LIMIT 1)");
            postgres.commit();
            statement.execute("TRUNCATE truncated");
            statement.execute("INSERT INTO truncated VALUES (100, 'after truncate')");
            postgres.commit();
        }
    }

    private static List<String> postgresColumns(Connection postgres, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement select = postgres.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER'"
                + " ORDER BY ordinal_position")) {
            select.setString(1, table);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    columns.add("\"" + rows.getString(1) + "\"");
                }
            }
        }
        return columns;
    }

    /** A row on PostgreSQL written after everything else: once it is on MySQL, all before it is too. */
    private String writeSentinel() throws SQLException {
        String nonce = "sentinel-" + (++sentinels);
        try (Connection postgres = targetSession();
             PreparedStatement insert = postgres.prepareStatement("INSERT INTO sentinel VALUES (?, ?)")) {
            insert.setInt(1, sentinels);
            insert.setString(2, nonce);
            insert.executeUpdate();
        }
        return nonce;
    }

    private void awaitOnMySql(String nonce) throws SQLException {
        Await.until("the sentinel " + nonce + " on MySQL", WAIT,
                () -> reverse.phase() == ReverseReplication.Phase.FAILED || sentinelOnMySql(nonce));
        assertEquals(ReverseReplication.Phase.STREAMING, reverse.phase(), "the reverse stream: " + reverse.reason());
    }

    private boolean sentinelOnMySql(String nonce) throws SQLException {
        try (Connection mysql = data.source.connect(data.database);
             PreparedStatement select = mysql.prepareStatement("SELECT 1 FROM sentinel WHERE nonce = ?")) {
            select.setString(1, nonce);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private void capture() throws Exception {
        mySqlAgainstPostgres = new RowComparator(data.source, data.target, data.targetDatabase).compare(data.database);
        try (Connection postgres = targetSession()) {
            String toast = rows(postgres, "SELECT reltoastrelid::regclass FROM pg_class WHERE oid = 'large'::regclass")
                    .get(0);
            outOfLineValues = Long.parseLong(rows(postgres, "SELECT count(DISTINCT chunk_id) FROM " + toast).get(0));
        }
        try (Connection mysql = data.source.connect(data.database)) {
            for (FamilyTable table : tables) {
                List<String> differences = new ArrayList<>(changedValues(mysql, table, 0));
                differences.addAll(changedValues(mysql, table, COPY_OFFSET));
                differences.sort(null);
                changed.put(table.name(), differences);
                missingRows.put(table.name(), missingRows(mysql, table));
            }
            keylessRows = rows(mysql, "SELECT CONCAT(kind, '|', n, '|', IFNULL(note, 'null'), ' x', count(*))"
                    + " FROM dup_rows GROUP BY kind, n, note ORDER BY kind, note IS NOT NULL, note");
            truncatedRows = rows(mysql, "SELECT CONCAT(id, '|', v) FROM truncated ORDER BY id");
        }
    }

    /**
     * Each (row, column) of rows keyed from {@code offset + 1} whose value differs from the saved original keyed
     * {@code offset} less: by {@code <=>} (exact for numbers, dates, floats) or by the stored bytes (no collation,
     * trailing-space or JSON-normalization leniency).
     */
    private List<String> changedValues(Connection mysql, FamilyTable table, int offset) throws SQLException {
        List<String> differences = new ArrayList<>();
        for (String column : table.columns()) {
            String a = "a.`" + column + "`";
            String b = "b.`" + column + "`";
            try (Statement statement = mysql.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT a.id FROM `" + table.name() + "` a JOIN `" + before
                         + "`.`" + table.name() + "` b ON b.id = a.id - " + offset + " WHERE a.id BETWEEN "
                         + (offset + 1) + " AND " + (offset + COPY_OFFSET - 1) + " AND NOT (" + a + " <=> " + b
                         + " AND CAST(" + a + " AS BINARY) <=> CAST(" + b + " AS BINARY)) ORDER BY a.id")) {
                while (rows.next()) {
                    differences.add(table.name() + " row " + rows.getInt(1) + " " + column);
                }
            }
        }
        differences.sort(null);
        return differences;
    }

    /** Originals and surviving copies that are not on MySQL, and rows there that should not be. */
    private List<String> missingRows(Connection mysql, FamilyTable table) throws SQLException {
        TreeSet<Integer> expected = new TreeSet<>();
        for (int id = 1; id <= table.family().cases().size(); id++) {
            expected.addAll(survivors(id));
        }
        TreeSet<Integer> actual = new TreeSet<>();
        rows(mysql, "SELECT id FROM `" + table.name() + "`").forEach(id -> actual.add(Integer.parseInt(id)));
        List<String> problems = new ArrayList<>();
        if (!expected.equals(actual)) {
            problems.add("expected ids " + expected + " but MySQL has " + actual);
        }
        return problems;
    }

    private void writeWhatMySqlCannotHold() throws Exception {
        FamilyTable temporal = temporal();
        String column = temporal.column(datetimeCase());
        int id = temporal.family().cases().indexOf(datetimeCase()) + 1;
        try (Connection postgres = targetSession(); Statement statement = postgres.createStatement()) {
            postgres.setAutoCommit(false);
            statement.execute("INSERT INTO sentinel VALUES (999, 'doomed')");
            statement.execute("UPDATE temporal SET \"" + column + "\" = 'infinity' WHERE id = " + id);
            postgres.commit();
        }
        Await.until("the reverse stream to stop", WAIT, () -> reverse.phase() == ReverseReplication.Phase.FAILED);
        failedPhase = reverse.phase().name();
        failureReason = reverse.reason();
        doomedSentinelOnMySql = sentinelOnMySql("doomed");
        try (Connection mysql = data.source.connect(data.database)) {
            doomedRowChanges = changedValues(mysql, temporal, 0).stream()
                    .filter(change -> change.startsWith("temporal row " + id + " ")).toList();
        }
    }

    private FamilyTable temporal() {
        return tables.stream().filter(t -> t.name().equals("temporal")).findFirst().orElseThrow();
    }

    private static TypeCase datetimeCase() {
        return TypeFamilies.temporal().cases().stream().filter(c -> c.definition().equals("DATETIME"))
                .findFirst().orElseThrow();
    }

    /** The (row, column) entries of {@link #changed} that a value policy explains, for originals and copies. */
    private static List<String> changedByPolicy(FamilyTable table) {
        List<String> expected = new ArrayList<>();
        if (!table.name().equals(POLICIES)) {
            return expected;
        }
        List<TypeCase> cases = table.family().cases();
        for (int i = 0; i < cases.size(); i++) {
            if (changedByPolicy(cases.get(i))) {
                String column = table.column(cases.get(i));
                survivors(i + 1).forEach(id -> expected.add(POLICIES + " row " + id + " " + column));
            }
        }
        expected.sort(null);
        return expected;
    }

    /** The original row {@code id} and its copy, unless the copy was among those deleted on PostgreSQL. */
    private static List<Integer> survivors(int id) {
        return (id + COPY_OFFSET) % 3 == 0 ? List.of(id) : List.of(id, id + COPY_OFFSET);
    }

    /** Zero and invalid dates (written non-strict) are NULL on PostgreSQL; NUL characters are stripped. */
    private static boolean changedByPolicy(TypeCase c) {
        return c.sqlMode() != null || c.literal().contains("CHAR(0)");
    }

    /**
     * The family without its cases that only a non-strict session can write and no policy covers (the ENUM error
     * member): see the class comment.
     */
    private static TypeFamily roundTrippable(TypeFamily family) {
        if (family.name().equals(POLICIES)) {
            return family;
        }
        List<TypeCase> cases = family.cases().stream().filter(c -> c.sqlMode() == null).toList();
        return new TypeFamily(family.name(), cases, family.generated(), family.onlyOn(), family.whyOnly());
    }

    /**
     * Values PostgreSQL stores out of line: larger than its 2 kB TOAST threshold even compressed, because random
     * bytes and characters do not compress.
     */
    private static TypeFamily large() {
        Random random = new Random(7);
        byte[] bytes = new byte[24 * 1024];
        random.nextBytes(bytes);
        String hex = HexFormat.of().formatHex(bytes);
        int[] alphabet = {'a', 'Z', 0xe9, 0xfc, 0x20ac, 0x4e2d, 0x1d11e, 0x1f600};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 12_000; i++) {
            text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        }
        return TypeFamily.of("large",
                of("LONGBLOB", "x'" + hex + "'", null),
                of("LONGBLOB", "x'00'", null),
                of("MEDIUMTEXT", "'" + text + "'", null),
                of("TEXT", "'" + hex.substring(0, 40_000) + "'", null),
                of("BLOB", "x'" + hex.substring(0, 40_000) + "'", null));
    }

    private static List<String> storedColumns(FamilyTable table) {
        List<String> columns = new ArrayList<>(List.of("id", "marker"));
        columns.addAll(table.columns().subList(0, table.columns().size() - table.family().generated().size()));
        return columns.stream().map(c -> "`" + c + "`").toList();
    }

    private static String text(Connection mysql, String table, String column, int id) throws SQLException {
        try (Statement statement = mysql.createStatement();
             ResultSet row = statement.executeQuery("SELECT CAST(`" + column + "` AS CHAR) FROM `" + table
                     + "` WHERE id = " + id)) {
            row.next();
            return row.getString(1);
        }
    }

    /** Each row as its columns' texts joined by a tab (a NULL as {@code null}). */
    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i == 1 ? "" : "\t").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private Connection targetSession() throws SQLException {
        Connection connection = data.target.connect(data.targetDatabase);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO \"" + data.database + "\"");
        }
        return connection;
    }

    private static FamilyTable.SourceWrite write(String sql) {
        return new FamilyTable.SourceWrite(sql, null);
    }
}
