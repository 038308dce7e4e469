package io.tandem.testkit.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.testkit.Fixtures;
import io.tandem.testkit.PostgresCopy;
import io.tandem.testkit.TestServers;
import io.tandem.testkit.compare.RowDifference.Kind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RowComparatorSakilaTest {

    private static TestServers.Pair servers;
    private static String sakila;
    private static String targetDatabase;
    private static RowComparator comparator;

    @BeforeAll
    static void copySakilaToPostgres() throws SQLException {
        servers = TestServers.both();
        sakila = Fixtures.sakila();
        targetDatabase = servers.target().createDatabase("compare");
        PostgresCopy.copy(servers.source(), sakila, servers.target(), targetDatabase);
        comparator = new RowComparator(servers.source(), servers.target(), targetDatabase);
    }

    @AfterAll
    static void dropCopy() throws SQLException {
        servers.target().dropDatabase(targetDatabase);
    }

    @Test
    void identicalCopyIsEqual() throws SQLException {
        ComparisonReport report = comparator.compare(sakila);

        assertTrue(report.isEqual(), report::toString);
        assertEquals(16, report.tables().size());
        assertEquals(16049, report.table("payment").sourceRows());
        assertEquals(16049, report.table("payment").targetRows());
        assertEquals(603, report.table("address").targetRows());
        assertTrue(comparator.compareAll(sakila).table(sakila + ".rental").isEqual());
    }

    @Test
    void reportsTheChangedValueWithItsKey() throws SQLException {
        target("UPDATE \"%s\".payment SET amount = amount + 1 WHERE payment_id = 42");
        try {
            ComparisonReport report = comparator.compare(sakila);

            assertFalse(report.isEqual());
            assertEquals(1, report.differences().size(), report::toString);
            TableComparison payment = report.table("payment");
            assertEquals(List.of(1L, 0L, 0L), List.of(payment.changed(), payment.missing(), payment.extra()));
            RowDifference difference = payment.examples().get(0);
            assertEquals(Kind.CHANGED, difference.kind());
            assertEquals(Map.of("payment_id", BigDecimal.valueOf(42)), difference.key());
            assertEquals(List.of("amount"), difference.changedColumns());
            assertEquals(((BigDecimal) difference.source().get("amount")).add(BigDecimal.ONE),
                    difference.target().get("amount"));
            assertTrue(report.toString().contains("changed {payment_id=42}: amount"), report::toString);
        } finally {
            target("UPDATE \"%s\".payment SET amount = amount - 1 WHERE payment_id = 42");
        }
    }

    @Test
    void reportsDeletedAndAddedRows() throws SQLException {
        target("CREATE TABLE \"%1$s\".saved_actor AS SELECT * FROM \"%1$s\".actor WHERE actor_id = 17");
        target("DELETE FROM \"%s\".actor WHERE actor_id = 17");
        target("INSERT INTO \"%s\".actor VALUES (9999, 'NEW', 'ACTOR', '2020-01-01 00:00:00+00')");
        try {
            TableComparison actor = comparator.compare(sakila).table("actor");

            assertEquals(List.of(0L, 1L, 1L), List.of(actor.changed(), actor.missing(), actor.extra()), actor::toString);
            assertEquals(200, actor.sourceRows());
            assertEquals(200, actor.targetRows());
            RowDifference missing = actor.examples().get(0);
            assertEquals(Kind.MISSING, missing.kind());
            assertEquals(Map.of("actor_id", BigDecimal.valueOf(17)), missing.key());
            RowDifference extra = actor.examples().get(1);
            assertEquals(Kind.EXTRA, extra.kind());
            assertEquals("NEW", extra.target().get("first_name"));
        } finally {
            target("DELETE FROM \"%s\".actor WHERE actor_id = 9999");
            target("INSERT INTO \"%1$s\".actor SELECT * FROM \"%1$s\".saved_actor");
            target("DROP TABLE \"%s\".saved_actor");
        }
    }

    private static void target(String sqlTemplate) throws SQLException {
        try (Connection connection = servers.target().connect(targetDatabase); Statement statement = connection.createStatement()) {
            statement.execute(String.format(sqlTemplate, sakila));
        }
    }
}
