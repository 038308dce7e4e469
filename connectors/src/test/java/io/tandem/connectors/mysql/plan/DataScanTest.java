package io.tandem.connectors.mysql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.jdbc.TestSource;
import io.tandem.connectors.mysql.plan.MigrationPlan.Finding;
import io.tandem.connectors.mysql.plan.MigrationPlan.FindingKind;
import io.tandem.engine.transform.ColumnOverrides;
import io.tandem.engine.transform.NameCase;
import io.tandem.engine.values.NulPolicy;
import io.tandem.engine.values.ValuePolicies;
import io.tandem.engine.values.ZeroDatePolicy;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code plan --scan} counts the values tandem cannot copy as they are, one aggregate query per table. */
class DataScanTest {

    private static String db;
    private static MigrationPlan plan;
    private static MigrationPlan failPlan;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestSource.server().createDatabase("plan_scan");
        TestSource.execute(db,
                "CREATE TABLE odd (id INT PRIMARY KEY, d DATE, dt DATETIME, note VARCHAR(20), flag TINYINT(1),"
                        + " t TIME, ok_t TIME)",
                "INSERT INTO odd VALUES (1, '0000-00-00', '2024-00-15 10:00:00', CONCAT('a', CHAR(0), 'b'), 5,"
                        + " '30:00:00', '10:00:00')",
                "INSERT INTO odd VALUES (2, '2024-01-02', '2024-01-02 10:00:00', 'plain', 1, '-01:00:00', NULL)",
                "INSERT INTO odd VALUES (3, NULL, NULL, NULL, NULL, NULL, '23:59:59')",
                "INSERT INTO odd VALUES (4, '2024-05-00', '2024-01-02 10:00:00', CHAR(0), 0, '01:00:00', NULL)",
                "CREATE TABLE dated (day DATE PRIMARY KEY)",
                "INSERT INTO dated VALUES ('2024-01-01'), ('0000-00-00')",
                "CREATE TABLE clean (id INT PRIMARY KEY, d DATE, note TEXT)",
                "INSERT INTO clean VALUES (1, '2024-01-01', 'fine')",
                "CREATE TABLE loose (a INT, b VARCHAR(5)) ENGINE=MyISAM");
        try (Connection connection = TestSource.engineConnections().open()) {
            plan = new PlanBuilder(TestSource.serverInfo(), NameCase.LOWER, ColumnOverrides.none()).build(connection, List.of(db), (d, t) -> true, true);
            failPlan = new PlanBuilder(TestSource.serverInfo(), NameCase.LOWER, ColumnOverrides.none(),
                    new ValuePolicies(ZeroDatePolicy.FAIL, NulPolicy.FAIL)).build(connection, List.of(db), (d, t) -> true, true);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        TestSource.server().dropDatabase(db);
    }

    @Test
    void zeroDatesAreCountedPerColumnWithWhatThePolicyDoes() {
        assertEquals(2, find("d", FindingKind.ZERO_DATE).count());
        assertEquals(1, find("dt", FindingKind.ZERO_DATE).count());
        Finding d = find("d", FindingKind.ZERO_DATE);
        assertFalse(d.blocking(), "the default policy writes NULL");
        assertTrue(d.action().contains("zero dates -> NULL (values.zero-dates: null)"), d.action());
        assertTrue(d.action().endsWith(PolicyNotes.STREAMED_AS_NULL), "a nullable DATE says what streaming does");
    }

    @Test
    void zeroDatesInAPrimaryKeyBlockSinceNoPolicyButDeadLetterMayChangeAKey() {
        Finding day = plan.findings().stream().filter(f -> f.table().equals("dated")).findFirst().orElseThrow();
        assertTrue(day.blocking());
        assertTrue(day.action().contains("the column is in the primary key"), day.action());
    }

    @Test
    void zeroDatesAndNulCharactersBlockUnderPolicyFail() {
        Finding d = find(failPlan, "d", FindingKind.ZERO_DATE);
        assertTrue(d.blocking());
        assertTrue(d.action().contains("zero dates stop replication (values.zero-dates: fail)"), d.action());
        assertTrue(find(failPlan, "note", FindingKind.NUL_CHARACTER).blocking());
        assertTrue(failPlan.blocked());
    }

    @Test
    void nulCharactersAreCountedAndStrippedByDefault() {
        Finding nul = find("note", FindingKind.NUL_CHARACTER);
        assertEquals(2, nul.count());
        assertFalse(nul.blocking());
        assertTrue(nul.action().contains("NUL characters removed (values.nul-characters: strip)"), nul.action());
    }

    @Test
    void eachColumnSaysWhichPolicyApplies() {
        MigrationPlan.TablePlan odd = plan.tables().stream().filter(t -> t.table().equals("odd")).findFirst()
                .orElseThrow();
        assertEquals("zero dates -> NULL (values.zero-dates: null)", column(odd, "d").valuePolicy());
        assertEquals("NUL characters removed (values.nul-characters: strip)", column(odd, "note").valuePolicy());
        assertEquals(null, column(odd, "flag").valuePolicy());
    }

    private static MigrationPlan.ColumnPlan column(MigrationPlan.TablePlan table, String name) {
        return table.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void tinyintOneHoldingOtherValuesIsCountedButDoesNotBlock() {
        Finding flag = find("flag", FindingKind.TINYINT1_NOT_BOOLEAN);
        assertEquals(1, flag.count());
        assertFalse(flag.blocking());
    }

    @Test
    void timeColumnsSayWhetherTheyStayWithinADay() {
        assertEquals(2, find("t", FindingKind.TIME_OUTSIDE_DAY).count());
        assertEquals(0, find("ok_t", FindingKind.TIME_WITHIN_DAY).count());
    }

    @Test
    void aCleanTableHasNoFindings() {
        assertEquals(List.of(), plan.findings().stream().filter(f -> f.table().equals("clean")).toList());
    }

    @Test
    void aKeylessMyIsamTableIsNamedWithWhatTandemDoes() {
        MigrationPlan.TablePlan loose = plan.tables().stream().filter(t -> t.table().equals("loose")).findFirst()
                .orElseThrow();
        assertEquals(List.of(), loose.primaryKey());
        assertTrue(loose.notes().contains(PlanBuilder.KEYLESS_NOTE), loose.notes().toString());
        MigrationPlan.ObjectGroup nonInnoDb = plan.unreplicated().stream()
                .filter(g -> g.kind().equals("non-InnoDB table")).findFirst().orElseThrow();
        assertEquals(List.of(new MigrationPlan.SourceObject(db, "loose", "MyISAM")), nonInnoDb.objects());
    }

    private static Finding find(String column, FindingKind kind) {
        return find(plan, column, kind);
    }

    private static Finding find(MigrationPlan plan, String column, FindingKind kind) {
        return plan.findings().stream().filter(f -> f.table().equals("odd") && f.column().equals(column)
                && f.kind() == kind).findFirst().orElseThrow(() -> new AssertionError(plan.findings()));
    }
}
