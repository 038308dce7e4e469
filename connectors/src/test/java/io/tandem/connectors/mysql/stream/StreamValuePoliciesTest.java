package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.NulPolicy;
import io.tandem.engine.values.PolicyAction;
import io.tandem.engine.values.PolicyHit;
import io.tandem.engine.values.ValueIssue;
import io.tandem.engine.values.ValuePolicies;
import io.tandem.engine.values.ZeroDatePolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Zero dates and NUL characters streamed through the binlog under each policy, against a real server. Also pins
 * what Debezium 3.5 does with zero dates: a nullable DATE's zero date streams as a plain NULL (nothing can see it),
 * while NOT NULL DATE/DATETIME and any TIMESTAMP stay recognisable and a real 1970-01-01 stays a real date.
 */
class StreamValuePoliciesTest {

    private static final String TABLE = "CREATE TABLE z (id INT PRIMARY KEY, d DATE NULL, dn DATE NOT NULL, "
            + "dt DATETIME NOT NULL, dt3 DATETIME(3) NOT NULL, ts TIMESTAMP NULL, v VARCHAR(10))";
    private static final String ZERO_ROW = "INSERT INTO z VALUES (1, '0000-00-00', '0000-00-00', "
            + "'2024-00-15 10:00:00', '0000-00-00 00:00:00.000', '0000-00-00 00:00:00', CONCAT('a', CHAR(0), 'b'))";
    private static final String EPOCH_ROW = "INSERT INTO z VALUES (2, NULL, '1970-01-01', '1970-01-01 00:00:00', "
            + "'1970-01-01 00:00:00.000', NULL, 'x')";
    private static final String COLLAPSED = ValueRenderers.COLLAPSED_ZERO_DATE;

    private static List<ChangeEvent> stream(StreamHarness h, String... inserts) throws Exception {
        return streamInto(h, TABLE, inserts);
    }

    private static List<ChangeEvent> streamInto(StreamHarness h, String table, String... inserts) throws Exception {
        h.execute(table);
        Map<TableId, TargetTable> tables = h.mappedTables();
        h.initializeStart(h.currentPosition());
        h.start(tables, Map.of());
        String[] statements = new String[inserts.length + 1];
        statements[0] = "SET SESSION sql_mode = ''";
        System.arraycopy(inserts, 0, statements, 1, inserts.length);
        h.execute(statements);
        return h.awaitTransactions(inserts.length);
    }

    @Test
    void byDefaultZeroDatesBecomeNullOrMinusInfinityAndNulIsStrippedAndEachIsReported() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_policy_default")) {
            List<ChangeEvent> events = stream(h, ZERO_ROW, EPOCH_ROW);

            assertArrayEquals(new String[] {"1", null, "-infinity", "-infinity", "-infinity", null, "ab"},
                    insert(events, "1").after());
            assertArrayEquals(new String[] {"2", null, "1970-01-01", "1970-01-01 00:00:00.000000",
                    "1970-01-01 00:00:00.000000", null, "x"}, insert(events, "2").after(),
                    "a real 1970-01-01 is not taken for a zero date");

            List<PolicyApplied> applied = events.stream().filter(PolicyApplied.class::isInstance)
                    .map(PolicyApplied.class::cast).toList();
            assertEquals(1, applied.size(), () -> String.valueOf(Events.describe(events)));
            assertEquals(Map.of("id", "1"), applied.get(0).rowKey());
            // Column d is missing: Debezium streams a nullable DATE's zero date as a NULL like any other.
            assertEquals(List.of(
                    new PolicyHit("dn", ValueIssue.ZERO_DATE, PolicyAction.INFINITY, COLLAPSED),
                    new PolicyHit("dt", ValueIssue.ZERO_DATE, PolicyAction.INFINITY, COLLAPSED),
                    new PolicyHit("dt3", ValueIssue.ZERO_DATE, PolicyAction.INFINITY, COLLAPSED),
                    new PolicyHit("ts", ValueIssue.ZERO_DATE, PolicyAction.NULL, "0000-00-00 00:00:00"),
                    new PolicyHit("v", ValueIssue.NUL_CHARACTER, PolicyAction.STRIP, "a\\0b")),
                    applied.get(0).hits());
            assertTrue(events.indexOf(applied.get(0)) < events.indexOf(insert(events, "1")),
                    "the policy event travels in the same batch as, and before, its row");
        }
    }

    /**
     * The known limit (README, "Values PostgreSQL cannot hold"), pinned for each policy so that a Debezium that
     * lets tandem see these values is noticed: zero and partial-zero dates in nullable DATE and DATETIME columns
     * stream as plain NULLs, are not counted, and not even {@code fail} stops the stream.
     */
    @ParameterizedTest
    @EnumSource(ZeroDatePolicy.class)
    void nullableDateAndDatetimeZeroDatesStreamAsUncountedNullsUnderEveryPolicy(ZeroDatePolicy policy)
            throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_policy_nullable")) {
            h.withValuePolicies(new ValuePolicies(policy, NulPolicy.STRIP));
            List<ChangeEvent> events = streamInto(h,
                    "CREATE TABLE zn (id INT PRIMARY KEY, d DATE NULL, dt DATETIME NULL, dt6 DATETIME(6) NULL)",
                    "INSERT INTO zn VALUES (1, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00.000000')",
                    "INSERT INTO zn VALUES (2, '2024-00-15', '2024-05-00 10:00:00', '0000-01-01 00:00:00.000001')",
                    "INSERT INTO zn VALUES (3, NULL, NULL, NULL)");

            for (String id : List.of("1", "2", "3")) {
                assertArrayEquals(new String[] {id, null, null, null}, insert(events, id).after(), policy + ": " + id);
            }
            assertTrue(events.stream().noneMatch(PolicyApplied.class::isInstance),
                    () -> policy + ": " + Events.describe(events));
        }
    }

    @Test
    void deadLetterRefusesTheRowAndLetsTheOthersThrough() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_policy_dead")) {
            h.withValuePolicies(new ValuePolicies(ZeroDatePolicy.DEAD_LETTER, NulPolicy.DEAD_LETTER));
            List<ChangeEvent> events = stream(h, ZERO_ROW, EPOCH_ROW);

            PolicyApplied refused = events.stream().filter(PolicyApplied.class::isInstance)
                    .map(PolicyApplied.class::cast).findFirst().orElseThrow();
            assertTrue(refused.deadLettered());
            assertEquals("insert", refused.operation());
            assertTrue(refused.hits().stream().allMatch(hit -> hit.action() == PolicyAction.DEAD_LETTER));
            assertEquals(5, refused.hits().size(), refused.hits().toString());
            assertTrue(events.stream().noneMatch(e -> e instanceof RowChange row && row.after()[0].equals("1")),
                    () -> "no change follows a refused row: " + Events.describe(events));
            assertEquals("x", insert(events, "2").after()[6]);
        }
    }

    @Test
    void failStopsTheStreamNamingColumnKeyAndTheOption() throws Exception {
        try (StreamHarness h = StreamHarness.create("stream_policy_fail")) {
            h.withValuePolicies(new ValuePolicies(ZeroDatePolicy.NULL, NulPolicy.FAIL));
            h.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            Map<TableId, TargetTable> tables = h.mappedTables();
            h.initializeStart(h.currentPosition());
            BinlogStreamSource source = h.start(tables, Map.of());
            h.execute("INSERT INTO t VALUES (7, CONCAT('a', CHAR(0), 'b'))");
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> source.stopped().get(StreamHarness.WAIT.toSeconds(), TimeUnit.SECONDS));
            ValueDecodingException cause = assertInstanceOf(ValueDecodingException.class, failure.getCause());
            assertTrue(cause.getMessage().startsWith("column " + h.database + ".t.v (id=7, binlog position "),
                    cause.getMessage());
            assertTrue(cause.getMessage().contains("holds a NUL character (U+0000), which PostgreSQL text cannot "
                    + "store: 'a\\0b'"), cause.getMessage());
            assertTrue(cause.getMessage().endsWith("or set values.nul-characters: strip or dead-letter."),
                    cause.getMessage());
        }
    }

    private static RowChange insert(List<ChangeEvent> events, String id) {
        return events.stream()
                .filter(e -> e instanceof RowChange row && row.op() == RowChange.Op.INSERT && row.after()[0].equals(id))
                .map(RowChange.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no insert of " + id + " in " + Events.describe(events)));
    }
}
