package io.tandem.deploy.it.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.postgres.stream.ReverseMode;
import io.tandem.cutover.CutoverRefused;
import io.tandem.cutover.Direction;
import io.tandem.deploy.it.Await;
import io.tandem.deploy.replication.Daemon;
import io.tandem.deploy.replication.ReverseReplication;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slot-creation hazard (CUTOVER.md §3 "Slots", test 6 of the ten): a logical slot is consistent only once every
 * write transaction open when its creation began has ended, in any database of the instance. With one such
 * transaction held open on PostgreSQL before the daemon arms the way back, the way back stays ARMING and says which
 * transaction it waits for, in its status, in its readiness and in the cutover's refusal, while forward replication
 * streams as usual. Once the transaction commits, the way back streams in shadow mode.
 *
 * <p>The transaction is in a database of its own: there it blocks only the slot, not the forward sink's DDL.
 */
class SlotCreationWaitTest {

    private static final Duration WAIT = Duration.ofMinutes(1);

    @TempDir
    Path directory;

    @Test
    void theWayBackWaitsForAnOpenWriteTransactionAndSaysSoWhileForwardReplicationStreams() throws Exception {
        try (CutoverFixture fixture = new CutoverFixture("slotwait")) {
            String otherDatabase = fixture.data.target.createDatabase("slotblocker");
            fixture.data.onSource("CREATE TABLE probe (id INT PRIMARY KEY, v VARCHAR(20))");
            try (Connection blocker = fixture.data.target.connect(otherDatabase)) {
                int pid = openWriteTransaction(blocker);
                Path config = fixture.writeConfig(directory, "failback:\n  max-lag: 5s\n");
                try (Daemon daemon = fixture.startDaemon(config)) {
                    waitsForTheTransactionThenStreams(fixture, daemon, blocker, "pid " + pid + " (");
                }
            } finally {
                fixture.dropSlot();
                fixture.data.target.dropDatabase(otherDatabase);
            }
        }
    }

    private static void waitsForTheTransactionThenStreams(CutoverFixture fixture, Daemon daemon, Connection blocker,
                                                          String blockerText) throws Exception {
        ReverseReplication reverse = daemon.reverse();
        Await.until("the slot's creation to name " + blockerText + " as what it waits for", WAIT,
                () -> reverse.status().slotBlockers().stream().anyMatch(b -> b.contains(blockerText)));
        assertEquals(ReverseReplication.Phase.ARMING, reverse.phase());
        String notReady = reverse.notReadyFor(ReverseMode.SHADOW);
        assertTrue(notReady.contains("waits for") && notReady.contains(blockerText), notReady);

        CutoverRefused refused = assertThrows(CutoverRefused.class,
                () -> daemon.cutover().run(Direction.CUTOVER, step -> { }));
        assertTrue(refused.getMessage().contains("waits for") && refused.getMessage().contains(blockerText),
                refused.getMessage());

        forwardReplicationStreams(fixture);
        assertEquals(ReverseReplication.Phase.ARMING, reverse.phase(), "still waiting: " + reverse.status());

        blocker.commit();
        Await.until("the way back to stream in shadow mode once the transaction ended", WAIT,
                () -> reverse.notReadyFor(ReverseMode.SHADOW) == null);
        assertEquals(ReverseReplication.Phase.STREAMING, reverse.phase());
        assertEquals(ReverseMode.SHADOW, reverse.mode());
        assertEquals(0, reverse.status().rogueWrites(), "forward writes are no rogue writes");
    }

    /** BEGIN; INSERT (which takes a transaction id); no commit. Returns the session's backend pid. */
    private static int openWriteTransaction(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE held (n int)");
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO held VALUES (1)");
            try (ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Rows written on MySQL now arrive on PostgreSQL. */
    private static void forwardReplicationStreams(CutoverFixture fixture) throws Exception {
        fixture.data.onSource("INSERT INTO probe VALUES (1, 'one'), (2, 'two'), (3, 'three')",
                "UPDATE probe SET v = 'TWO' WHERE id = 2", "DELETE FROM probe WHERE id = 3");
        Await.until("the forward writes on PostgreSQL", WAIT, () -> "1one,2TWO".equals(fixture.data.targetRows(
                "SELECT string_agg(id || v, ',' ORDER BY id) FROM \"" + fixture.data.database + "\".probe")
                .get(0).get(0)));
    }
}
