package io.tandem.sink.postgres.wayback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reverse publication is created, made to match the replicated tables, and repaired when narrowed. */
class ReversePublicationTest {

    private static final PublishedTable ITEMS = new PublishedTable("shop", "items");
    private static final PublishedTable LOG = new PublishedTable("shop", "Log Book");
    private static final PublishedTable HEARTBEAT = new PublishedTable("tandem", "reverse_heartbeat");
    private static final PublishedTable FENCE = new PublishedTable("tandem", "reverse_fence");

    private WayBackDb db;
    private final ReversePublication publication = new ReversePublication("tandem_reverse");

    @BeforeEach
    void open() throws Exception {
        db = WayBackDb.open("wayback_pub");
        db.execute("CREATE SCHEMA shop", "CREATE TABLE shop.items (id bigint PRIMARY KEY, name text)",
                "CREATE TABLE shop.\"Log Book\" (who text, what text)");
        try (Connection connection = db.connect()) {
            ReverseControlTables.create(connection);
        }
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void createsThenAddsAndDropsTablesToMatch() throws Exception {
        try (Connection connection = db.connect()) {
            List<PublishedTable> all = List.of(FENCE, HEARTBEAT, LOG, ITEMS);
            ReversePublication.Change created = publication.ensure(connection, all);
            assertTrue(created.created());
            assertEquals(new TreeSet<>(all), publication.members(connection));
            assertEquals("t t t t", db.value("SELECT concat_ws(' ', pubinsert, pubupdate, pubdelete, pubtruncate)"
                    + " FROM pg_publication WHERE pubname = 'tandem_reverse'"));

            assertFalse(publication.ensure(connection, all).changed(), "a second ensure changes nothing");

            ReversePublication.Change shrunk = publication.ensure(connection, List.of(FENCE, HEARTBEAT, ITEMS));
            assertEquals(List.of(LOG), shrunk.removed());
            assertEquals(List.of(), shrunk.added());

            ReversePublication.Change grown = publication.ensure(connection, all);
            assertEquals(List.of(LOG), grown.added());
            assertEquals(new TreeSet<>(all), publication.members(connection));
        }
    }

    @Test
    void tablesForAddsTheControlTablesOnce() {
        TargetTable items = new TargetTable(new TableId("shop", "items"), "shop", "items", List.of(), List.of(),
                List.of(), List.of());
        assertEquals(List.of(ITEMS, FENCE, HEARTBEAT), ReversePublication.tablesFor(List.of(items, items)));
        assertEquals(List.of(FENCE, HEARTBEAT), ReversePublication.tablesFor(List.of()));
    }

    @Test
    void repairsOperationsRowFiltersAndColumnLists() throws Exception {
        List<PublishedTable> all = List.of(FENCE, HEARTBEAT, LOG, ITEMS);
        db.execute("CREATE PUBLICATION tandem_reverse FOR TABLE shop.items WHERE (id > 100),"
                + " shop.\"Log Book\" (who), tandem.reverse_heartbeat, tandem.reverse_fence"
                + " WITH (publish = 'insert')");
        try (Connection connection = db.connect()) {
            ReversePublication.Change change = publication.ensure(connection, all);
            assertTrue(change.narrowingCleared());
            assertTrue(change.operationsReset());
            assertEquals(List.of(), change.added());
            assertEquals("0", db.value("SELECT count(*) FROM pg_publication_rel r JOIN pg_publication p"
                    + " ON p.oid = r.prpubid WHERE p.pubname = 'tandem_reverse'"
                    + " AND (r.prqual IS NOT NULL OR r.prattrs IS NOT NULL)"));
            assertFalse(publication.ensure(connection, all).changed());
        }
    }

    @Test
    void refusesAPublicationForAllTables() throws Exception {
        db.execute("CREATE PUBLICATION tandem_reverse FOR ALL TABLES");
        try (Connection connection = db.connect()) {
            assertThrows(IllegalStateException.class, () -> publication.ensure(connection, List.of(ITEMS)));
        }
    }
}
