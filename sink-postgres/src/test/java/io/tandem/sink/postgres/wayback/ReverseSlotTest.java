package io.tandem.sink.postgres.wayback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.sink.postgres.wayback.SlotState.Phase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slot creation waits for an open write transaction and says so, by pid; it completes once that commits; an
 * existing slot is READY at once and reports its numbers; a waiting creation can be cancelled.
 */
class ReverseSlotTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private WayBackDb db;
    private String slotName;
    private ReverseSlot slot;

    @BeforeEach
    void open() throws Exception {
        db = WayBackDb.open("wayback_slot");
        db.execute("CREATE TABLE items (id bigint PRIMARY KEY, name text)");
        slot = db.slot("tandem_reverse_test");
        slotName = slot.name();
    }

    @AfterEach
    void close() throws Exception {
        try {
            slot.drop();
            slot.close();
        } finally {
            db.close();
        }
    }

    @Test
    void creationWaitsForAnOpenWriteTransactionNamesItAndCompletesAfterItsCommit() throws Exception {
        try (Connection writer = openWriteTransaction("slow-writer")) {
            int writerPid = WayBackDb.pid(writer);

            assertEquals(Phase.CREATING, slot.start().phase());
            WayBackDb.await("the state names the writer as the transaction waited on", WAIT,
                    () -> slot.state().blockers().stream().anyMatch(b -> b.waitedOn() && Integer.valueOf(writerPid)
                            .equals(b.pid())));
            SlotState waiting = slot.state();
            assertEquals(Phase.CREATING, waiting.phase());
            assertNotNull(waiting.creatorPid());
            SlotBlocker blocker = waiting.blockers().get(0);
            assertEquals("slow-writer", blocker.applicationName());
            assertEquals("idle in transaction", blocker.state());
            assertEquals(db.database, blocker.database());
            assertNull(blocker.gid());
            assertTrue(blocker.describe().startsWith("waiting on pid " + writerPid), blocker.describe());
            assertEquals(Phase.CREATING, slot.start().phase(), "a second start while creating changes nothing");

            writer.commit();
            SlotState ready = slot.await(WAIT);
            assertEquals(Phase.READY, ready.phase(), () -> String.valueOf(ready));
            assertNotNull(ready.consistentPoint());
        }
        assertTrue(status().isPresent());
    }

    @Test
    void anExistingSlotIsReadyAtOnceAndReportsItsNumbers() throws Exception {
        assertEquals(Phase.READY, startAndAwait(slot).phase());
        try (ReverseSlot again = new ReverseSlot(db.connector(), slotName, Clock.systemUTC(), Duration.ofMillis(50),
                Duration.ofSeconds(1))) {
            SlotState found = again.start();
            assertEquals(Phase.READY, found.phase());
            assertNull(found.consistentPoint(), "found, not created here");
        }

        SlotStatus before = status().orElseThrow();
        assertEquals(slotName, before.name());
        assertEquals("pgoutput", before.plugin());
        assertEquals(db.database, before.database());
        assertFalse(before.active());
        assertNull(before.activePid());
        assertNotNull(before.confirmedFlushLsn());
        assertNotNull(before.restartLsn());
        assertEquals("reserved", before.walStatus());
        assertNull(before.safeWalSizeBytes(), "max_slot_wal_keep_size is unlimited on the test server");

        db.execute("INSERT INTO items SELECT g, repeat('x', 100) FROM generate_series(1, 2000) g");
        SlotStatus after = status().orElseThrow();
        assertEquals(before.restartLsn(), after.restartLsn(), "nobody consumed the slot");
        assertTrue(after.retainedWalBytes() > before.retainedWalBytes() + 100_000,
                before.retainedWalBytes() + " -> " + after.retainedWalBytes());
    }

    @Test
    void aWaitingCreationIsCancelledByDropAndLeavesNoSlot() throws Exception {
        try (Connection writer = openWriteTransaction("cancelled-writer")) {
            slot.start();
            WayBackDb.await("creation waits", WAIT, () -> !slot.state().blockers().isEmpty());
            slot.drop();
            assertEquals(Phase.ABSENT, slot.state().phase());
            assertEquals(Optional.empty(), status());
            writer.rollback();
        }
    }

    private static SlotState startAndAwait(ReverseSlot slot) throws Exception {
        slot.start();
        return slot.await(WAIT);
    }

    private Optional<SlotStatus> status() throws Exception {
        try (Connection connection = db.connect()) {
            return SlotStatus.read(connection, slotName);
        }
    }

    /** A session holding a transaction id: it has written and not committed. */
    private Connection openWriteTransaction(String application) throws Exception {
        Connection writer = db.connect();
        writer.setAutoCommit(false);
        try (Statement statement = writer.createStatement()) {
            statement.execute("SET application_name = '" + application + "'");
            statement.execute("INSERT INTO items VALUES (1, 'open')");
        }
        return writer;
    }
}
