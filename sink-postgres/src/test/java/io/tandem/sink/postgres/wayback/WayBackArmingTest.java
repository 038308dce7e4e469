package io.tandem.sink.postgres.wayback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.wayback.SlotState.Phase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Arming publishes only tables with FULL identity, then completes on a second run once the busy one is free. */
class WayBackArmingTest {

    private static final int ORIGINS = 2;

    private WayBackDb db;
    private ReverseSlot slot;
    private final TargetTable items = table("items");
    private final TargetTable log = table("log");

    @BeforeEach
    void open() throws Exception {
        db = WayBackDb.open("wayback_arming");
        db.execute("CREATE SCHEMA shop", "CREATE TABLE shop.items (id bigint PRIMARY KEY, name text)",
                "CREATE TABLE shop.log (who text, what text)");
        slot = db.slot("tandem_reverse_arming");
    }

    @AfterEach
    void close() throws Exception {
        db.closeWith(slot, ORIGINS);
    }

    @Test
    void aBusyKeylessTableWaitsOutsideThePublicationUntilTheNextRun() throws Exception {
        WayBackArming arming = new WayBackArming(db.connector(),
                new ReplicaIdentity(Duration.ofMillis(100), 1, Duration.ZERO), new ReversePublication("tandem_reverse"),
                ORIGINS, slot);
        try (Connection reader = db.connect()) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                statement.execute("SELECT count(*) FROM shop.log");
            }
            WayBackArming.Report first = arming.arm(List.of(items, log));
            assertEquals(List.of(new PublishedTable("shop", "log")), first.identity().busy());
            assertFalse(first.complete());
            assertEquals(List.of("tandem_forward_0", "tandem_forward_1"), first.originsCreated());
            assertFalse(members().contains(new PublishedTable("shop", "log")), "not published while not FULL");
            reader.commit();
        }
        assertEquals(Phase.READY, slot.await(Duration.ofSeconds(30)).phase());

        WayBackArming.Report second = arming.arm(List.of(items, log));
        assertTrue(second.complete(), second::toString);
        assertEquals(List.of(new PublishedTable("shop", "log")), second.publication().added());
        assertEquals(List.of(), second.originsCreated());
        assertEquals(new TreeSet<>(ReversePublication.tablesFor(List.of(items, log))), members());
        db.execute("UPDATE shop.log SET what = 'still writable'", "DELETE FROM shop.log");
    }

    private TreeSet<PublishedTable> members() throws Exception {
        try (Connection connection = db.connect()) {
            return new ReversePublication("tandem_reverse").members(connection);
        }
    }

    private static TargetTable table(String name) {
        return new TargetTable(new TableId("shop", name), "shop", name, List.of(), List.of(), List.of(), List.of());
    }
}
