package io.tandem.connectors.mysql.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.jdbc.TestSource;
import io.tandem.engine.lag.HeartbeatLag;
import io.tandem.engine.lag.HeartbeatWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat table, the control tables' creation and the fence against the real test source, with the engine
 * account's grants. The writer's timer, pause and failure handling are tested in the engine.
 */
class SourceHeartbeatTableTest {

    private static final Duration INTERVAL = Duration.ofMillis(20);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ControlTables TABLES = new ControlTables("tandem");
    private static final SourceConnections ENGINE = TestSource.engineConnections();

    private final String instance = "hb-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void createControlTables() throws SQLException {
        try (Connection connection = ENGINE.open()) {
            TABLES.create(connection);
            TABLES.create(connection); // idempotent: every start runs it
        }
    }

    private long storedSeq() throws SQLException {
        try (Connection connection = ENGINE.open();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT seq FROM " + TABLES.heartbeat() + " WHERE instance = ?")) {
            select.setString(1, instance);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        fail("timed out waiting for " + what);
    }

    private HeartbeatWriter writer(SourceConnector connector, ControlTables tables, AtomicLong failures) {
        return new HeartbeatWriter(new SourceHeartbeatTable(connector, tables), instance, INTERVAL,
                Clock.systemUTC(), new HeartbeatLag(Clock.systemUTC(), INTERVAL), failures::incrementAndGet);
    }

    private long seqOrFail() {
        try {
            return storedSeq();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void writesAnIncreasingSequenceThatContinuesAfterARestart() throws Exception {
        AtomicLong failures = new AtomicLong();
        try (HeartbeatWriter writer = writer(ENGINE::open, TABLES, failures)) {
            writer.start();
            await("five heartbeats", () -> seqOrFail() >= 5);
        }
        long before = storedSeq();
        try (HeartbeatWriter writer = writer(ENGINE::open, TABLES, failures)) {
            writer.start();
            await("the sequence to continue past " + before, () -> seqOrFail() > before);
        }
        assertEquals(0, failures.get());
    }

    @Test
    void aRefusedWriteKeepsItsConnectionSoALongFreezeOpensNoNewOnes() throws Exception {
        // Tables the engine account may read but not write: like a source in read_only, every write is refused.
        ControlTables readOnly = new ControlTables("tandem_ro_" + instance.substring(3));
        try (Connection admin = TestSource.admin("mysql")) {
            readOnly.create(admin);
        }
        AtomicLong failures = new AtomicLong();
        AtomicInteger opened = new AtomicInteger();
        SourceConnector counting = () -> {
            opened.incrementAndGet();
            return ENGINE.open();
        };
        try (HeartbeatWriter writer = writer(counting, readOnly, failures)) {
            writer.start();
            await("five refused writes", () -> writer.failures() >= 5 && failures.get() >= 5);
        } finally {
            TestSource.server().dropDatabase(readOnly.database());
        }
        assertEquals(1, opened.get());
    }

    @Test
    void creatingTablesWithoutTheGrantNamesTheGrant() throws Exception {
        ControlTables ungranted = new ControlTables("tandem_ungranted");
        try (Connection connection = ENGINE.open()) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> ungranted.create(connection));
            assertTrue(refused.getMessage().contains(
                    "GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON `tandem_ungranted`.* TO 'tandem'@'%';"),
                    refused.getMessage());
        }
    }

    @Test
    void aFenceTokenIsCommittedOnceAndReturned() throws Exception {
        SourceFence fence = new SourceFence(ENGINE::open, TABLES, Clock.systemUTC());
        String token = fence.write();
        try (Connection connection = ENGINE.open();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT count(*) FROM " + TABLES.fence() + " WHERE token = ?")) {
            select.setString(1, token);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                assertEquals(1, row.getLong(1));
            }
        }
        assertThrows(SQLException.class, () -> fence.write(token));
        assertThrows(IllegalArgumentException.class, () -> fence.write("x".repeat(65)));
    }
}
