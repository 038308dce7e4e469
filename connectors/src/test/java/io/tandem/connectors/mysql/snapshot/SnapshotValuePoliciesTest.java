package io.tandem.connectors.mysql.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.jdbc.TestSource;
import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.model.TableId;
import io.tandem.engine.values.NulPolicy;
import io.tandem.engine.values.PolicyAction;
import io.tandem.engine.values.PolicyHit;
import io.tandem.engine.values.ValueIssue;
import io.tandem.engine.values.ValuePolicies;
import io.tandem.engine.values.ZeroDatePolicy;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Zero and partial-zero dates and NUL characters copied by the snapshot under each policy, from a real server. */
class SnapshotValuePoliciesTest {

    private String db;
    private TableId z;

    @BeforeEach
    void createTable() throws Exception {
        db = TestSource.server().createDatabase("snapshot_policies");
        z = new TableId(db, "z");
        TestSource.execute(db, "SET SESSION sql_mode = ''",
                "CREATE TABLE z (id INT PRIMARY KEY, d DATE NULL, dn DATE NOT NULL, dt DATETIME(3) NOT NULL, "
                        + "ts TIMESTAMP NULL, v VARCHAR(10))",
                "INSERT INTO z VALUES (1, '0000-00-00', '2024-00-15', '0000-00-00 00:00:00', '0000-00-00 00:00:00', "
                        + "CONCAT('a', CHAR(0), 'b'))",
                "INSERT INTO z VALUES (2, '1970-01-01', '1970-01-01', '1970-01-01 00:00:00', NULL, 'x')");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        TestSource.server().dropDatabase(db);
    }

    private CollectingTarget copy(ValuePolicies policies) throws Exception {
        CollectingTarget target = new CollectingTarget();
        SnapshotFixture.copier(target, SnapshotFixture.tracker(), 1, policies).copy(SnapshotFixture.tables(db));
        return target;
    }

    private static List<String[]> sorted(List<String[]> rows) {
        return rows.stream().sorted(Comparator.comparing(r -> r[0])).toList();
    }

    @Test
    void byDefaultZeroDatesBecomeNullWhereNullableAndMinusInfinityWhereNotAndNulIsStripped() throws Exception {
        CollectingTarget target = copy(ValuePolicies.DEFAULTS);

        List<String[]> rows = sorted(target.rowsOf(z));
        assertArrayEquals(new String[] {"1", null, "-infinity", "-infinity", null, "ab"}, rows.get(0));
        assertArrayEquals(new String[] {"2", "1970-01-01", "1970-01-01", "1970-01-01 00:00:00.000", null, "x"},
                rows.get(1));
        List<PolicyApplied> applied = target.policies.get(z);
        assertEquals(1, applied.size());
        assertEquals("snapshot", applied.get(0).operation());
        assertEquals(Map.of("id", "1"), applied.get(0).rowKey());
        assertFalse(applied.get(0).deadLettered());
        assertEquals(List.of(
                new PolicyHit("d", ValueIssue.ZERO_DATE, PolicyAction.NULL, "0000-00-00"),
                new PolicyHit("dn", ValueIssue.ZERO_DATE, PolicyAction.INFINITY, "2024-00-15"),
                new PolicyHit("dt", ValueIssue.ZERO_DATE, PolicyAction.INFINITY, "0000-00-00 00:00:00.000"),
                new PolicyHit("ts", ValueIssue.ZERO_DATE, PolicyAction.NULL, "0000-00-00 00:00:00"),
                new PolicyHit("v", ValueIssue.NUL_CHARACTER, PolicyAction.STRIP, "a\\0b")),
                applied.get(0).hits());
        assertTrue(applied.get(0).position().description().startsWith("snapshot at "),
                applied.get(0).position().description());
    }

    @Test
    void infinityWritesMinusInfinityEvenWhereNullIsAllowed() throws Exception {
        CollectingTarget target = copy(new ValuePolicies(ZeroDatePolicy.INFINITY, NulPolicy.STRIP));

        assertArrayEquals(new String[] {"1", "-infinity", "-infinity", "-infinity", "-infinity", "ab"},
                sorted(target.rowsOf(z)).get(0));
    }

    @Test
    void deadLetterLeavesTheRowOutAndRecordsEveryRefusedValue() throws Exception {
        CollectingTarget target = copy(new ValuePolicies(ZeroDatePolicy.DEAD_LETTER, NulPolicy.DEAD_LETTER));

        List<String[]> rows = target.rowsOf(z);
        assertEquals(1, rows.size(), "only the clean row is copied");
        assertEquals("2", rows.get(0)[0]);
        PolicyApplied refused = target.policies.get(z).get(0);
        assertTrue(refused.deadLettered());
        assertEquals(List.of("d", "dn", "dt", "ts", "v"), refused.hits().stream().map(PolicyHit::column).toList());
        assertTrue(refused.hits().stream().allMatch(h -> h.action() == PolicyAction.DEAD_LETTER));
    }

    @Test
    void aPolicyThatWouldChangeAPrimaryKeyStopsTheCopyInsteadOfRiskingTwoRowsMerging() throws Exception {
        TestSource.execute(db, "CREATE TABLE keyed (code VARCHAR(10) PRIMARY KEY)",
                "INSERT INTO keyed VALUES ('ab'), (CONCAT('a', CHAR(0), 'b'))");
        CollectingTarget target = new CollectingTarget();
        SnapshotException e = assertThrows(SnapshotException.class,
                () -> SnapshotFixture.copier(target, SnapshotFixture.tracker(), 1, ValuePolicies.DEFAULTS)
                        .copy(SnapshotFixture.tables(db)));
        UnstorableValueException cause = assertInstanceOf(UnstorableValueException.class, e.getCause());
        assertEquals("code", cause.column());
        assertTrue(cause.getMessage().contains("in a primary key column. The policy would change the key"),
                cause.getMessage());
        assertTrue(cause.getMessage().endsWith("or set values.nul-characters: dead-letter."), cause.getMessage());
    }
}
