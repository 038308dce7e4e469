package io.tandem.connectors.mysql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.jdbc.TestSource;
import io.tandem.connectors.mysql.plan.MigrationPlan.Finding;
import io.tandem.connectors.mysql.plan.MigrationPlan.FindingKind;
import io.tandem.engine.transform.ColumnOverrides;
import io.tandem.engine.transform.NameCase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code plan --scan} counts the values tandem cannot copy as they are, one aggregate query per table. */
class DataScanTest {

    private static String db;
    private static MigrationPlan plan;

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
                "CREATE TABLE clean (id INT PRIMARY KEY, d DATE, note TEXT)",
                "INSERT INTO clean VALUES (1, '2024-01-01', 'fine')",
                "CREATE TABLE loose (a INT, b VARCHAR(5)) ENGINE=MyISAM");
        try (Connection connection = TestSource.engineConnections().open()) {
            plan = new PlanBuilder(TestSource.serverInfo(), NameCase.LOWER, ColumnOverrides.none()).build(connection, List.of(db), (d, t) -> true, true);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        TestSource.server().dropDatabase(db);
    }

    @Test
    void zeroDatesAreCountedPerColumnAndBlock() {
        assertEquals(2, find("d", FindingKind.ZERO_DATE).count());
        assertEquals(1, find("dt", FindingKind.ZERO_DATE).count());
        assertTrue(find("d", FindingKind.ZERO_DATE).blocking());
        assertTrue(find("d", FindingKind.ZERO_DATE).action().contains("snapshot stops"));
        assertTrue(plan.blocked());
    }

    @Test
    void nulCharactersAreCounted() {
        Finding nul = find("note", FindingKind.NUL_CHARACTER);
        assertEquals(2, nul.count());
        assertTrue(nul.blocking());
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
        return plan.findings().stream().filter(f -> f.table().equals("odd") && f.column().equals(column)
                && f.kind() == kind).findFirst().orElseThrow(() -> new AssertionError(plan.findings()));
    }
}
