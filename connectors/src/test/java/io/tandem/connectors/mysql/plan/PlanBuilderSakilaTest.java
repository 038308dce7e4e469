package io.tandem.connectors.mysql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.jdbc.TestSource;
import io.tandem.connectors.mysql.plan.MigrationPlan.ForeignKey;
import io.tandem.connectors.mysql.plan.MigrationPlan.ObjectGroup;
import io.tandem.connectors.mysql.plan.MigrationPlan.SourceObject;
import io.tandem.connectors.mysql.plan.MigrationPlan.TablePlan;
import io.tandem.demo.servers.Sakila;
import io.tandem.engine.transform.ColumnOverrides;
import io.tandem.engine.transform.NameCase;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plan of Sakila, read with the engine's own account (plus TRIGGER, which listing triggers needs). */
class PlanBuilderSakilaTest {

    private static String db;
    private static MigrationPlan plan;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestSource.server().createDatabase("plan_sakila");
        Sakila.load(TestSource.server(), db);
        TestSource.execute(db, "ANALYZE TABLE payment, rental");
        try (Connection connection = PlanAccount.connections(db).open()) {
            plan = new PlanBuilder(TestSource.serverInfo(), NameCase.LOWER, ColumnOverrides.none()).build(connection, List.of(db), (d, t) -> true, false);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        PlanAccount.drop(db);
        TestSource.server().dropDatabase(db);
    }

    @Test
    void listsEveryTableWithARowEstimateAndNothingBlocks() {
        assertEquals(new TreeSet<>(Sakila.ROW_COUNTS.keySet()),
                plan.tables().stream().map(TablePlan::table).collect(Collectors.toCollection(TreeSet::new)));
        TablePlan payment = table("payment");
        assertTrue(payment.estimatedRows() > 10_000, "payment estimate " + payment.estimatedRows());
        assertEquals(List.of("payment_id"), payment.primaryKey());
        assertTrue(plan.tables().stream().allMatch(t -> t.error() == null && t.target() != null));
        assertTrue(plan.estimate().totalRows() > 30_000, plan.estimate().toString());
        assertTrue(plan.estimate().retentionCovers(), plan.estimate().verdict());
        assertFalse(plan.blocked(), plan.checks().toString());
    }

    @Test
    void columnsShowSourceAndTargetTypes() {
        TablePlan film = table("film");
        MigrationPlan.ColumnPlan rating = film.columns().stream().filter(c -> c.name().equals("rating"))
                .findFirst().orElseThrow();
        assertTrue(rating.sourceType().startsWith("enum("), rating.toString());
        assertEquals("text", rating.targetType());
        MigrationPlan.ColumnPlan id = film.columns().get(0);
        assertEquals("film_id", id.name());
        assertTrue(id.targetType().endsWith(" identity"), id.toString());
    }

    @Test
    void fullTextIndexOnFilmTextIsNoted() {
        assertTrue(table("film_text").notes().stream().anyMatch(n -> n.contains("FULLTEXT index idx_title_description")),
                table("film_text").notes().toString());
    }

    @Test
    void viewsTriggersAndRoutinesAreListed() {
        assertEquals(Set.of("actor_info", "customer_list", "film_list", "nicer_but_slower_film_list",
                "sales_by_film_category", "sales_by_store", "staff_list"), names("view"));
        assertEquals(Set.of("customer_create_date", "ins_film", "upd_film", "del_film", "payment_date", "rental_date"),
                names("trigger"));
        assertEquals(Set.of("film_in_stock", "film_not_in_stock", "get_customer_balance",
                "inventory_held_by_customer", "inventory_in_stock", "rewards_report"), names("routine"));
        assertEquals(Set.of(), names("non-InnoDB table"));
    }

    @Test
    void foreignKeysCarryTheirActions() {
        ForeignKey rentalCustomer = plan.foreignKeys().stream()
                .filter(k -> k.table().equals("rental") && k.referencedTable().equals("customer"))
                .findFirst().orElseThrow(() -> new AssertionError(plan.foreignKeys()));
        assertEquals(List.of("customer_id"), rentalCustomer.columns());
        assertEquals("CASCADE", rentalCustomer.onUpdate());
        assertEquals("RESTRICT", rentalCustomer.onDelete());
        assertTrue(plan.foreignKeys().size() >= 20, plan.foreignKeys().toString());
    }

    private static TablePlan table(String name) {
        return plan.tables().stream().filter(t -> t.table().equals(name)).findFirst().orElseThrow();
    }

    private static Set<String> names(String kind) {
        ObjectGroup group = plan.unreplicated().stream().filter(g -> g.kind().equals(kind)).findFirst().orElseThrow();
        assertNotNull(group.advice());
        return group.objects().stream().map(SourceObject::name).collect(Collectors.toSet());
    }
}
