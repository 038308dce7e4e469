package io.tandem.connectors.mysql.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.jdbc.TestSource;
import io.tandem.demo.servers.SourceServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The freeze on a real source: read_only stops writes, locked accounts cannot log in, their open transactions are
 * rolled back, a blocked freeze gives up within lock_wait_timeout and changes nothing, and unfreeze restores writes.
 * read_only is global, so every test ends with the source writable again whatever happened.
 */
class SourceFreezeTest {

    private static final Duration LOCK_WAIT = Duration.ofSeconds(1);
    private static final String PASSWORD = "Freeze-test-pw-1";

    private final SourceServer server = TestSource.server();
    private final List<String> createdAccounts = new ArrayList<>();
    private String database;
    private String table;
    private ServerInfo info;
    private SourceConnections admin;

    @BeforeEach
    void createTable() throws SQLException {
        database = server.createDatabase("freeze");
        table = MySqlNames.quote(database) + ".t";
        TestSource.execute(database, "CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL)", "INSERT INTO t VALUES (1, 0)");
        admin = TestSource.connectionsAs(server.adminUser(), server.adminPassword());
        info = admin.serverInfo();
    }

    @AfterEach
    void writableAgain() throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("SET GLOBAL read_only = OFF");
            for (String account : createdAccounts) {
                statement.execute("DROP USER IF EXISTS " + account);
            }
        }
        server.dropDatabase(database);
    }

    @Test
    void freezeStopsWritesLocksAccountsAndRollsBackOpenTransactions() throws Exception {
        SourceAccount app = createAccount("app", "SELECT, INSERT, UPDATE, DELETE ON " + MySqlNames.quote(database) + ".*");
        SourceAccount other = createAccount("other", "SELECT, INSERT, UPDATE, DELETE ON " + MySqlNames.quote(database) + ".*");
        SourceFreeze freeze = new SourceFreeze(admin, info, LOCK_WAIT, List.of(app));
        assertTrue(freeze.state().isWritable(), freeze.state().toString());

        Connection open = login(app);
        open.setAutoCommit(false);
        execute(open, "INSERT INTO " + table + " VALUES (2, 2)");
        long openId = connectionId(open);

        List<Long> killed = freeze.freeze();

        assertEquals(List.of(openId), killed);
        assertTrue(freeze.isReadOnly());
        awaitTrue("the killed session to go", Duration.ofSeconds(10), new BooleanSupplier() {
            private FreezeState last;

            @Override
            public boolean getAsBoolean() {
                last = state(freeze);
                return last.isFrozen();
            }

            @Override
            public String toString() {
                return String.valueOf(last);
            }
        });
        assertEquals(List.of(app), freeze.state().lockedAccounts());
        assertThrows(SQLException.class, open::commit, "the killed session cannot commit");
        open.close();
        assertThrows(SQLException.class, () -> login(app).close(), "a locked account cannot log in");
        try (Connection unlocked = login(other)) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> execute(unlocked, "INSERT INTO " + table + " VALUES (3, 3)"));
            assertEquals(1290, refused.getErrorCode(), "read_only refuses the write: " + refused.getMessage());
        }
        assertEquals(List.of(1), ids(), "the open transaction was rolled back");

        BinlogStatus position = freeze.finalPosition();
        assertEquals(position, freeze.finalPosition(), "nothing commits while frozen");
        assertTrue(position.gtidSet().isPresent() || !info.isMariaDb(), position.toString());

        assertEquals(List.of(), freeze.freeze(), "freezing again changes nothing");
        freeze.unfreeze();

        assertTrue(freeze.state().isWritable(), freeze.state().toString());
        try (Connection again = login(app)) {
            execute(again, "INSERT INTO " + table + " VALUES (4, 4)");
        }
        assertEquals(List.of(1, 4), ids());
        freeze.unfreeze(); // idempotent
        assertTrue(freeze.state().isWritable());
    }

    @Test
    void aStatementHoldingTheLockMakesTheFreezeTimeOutAndLeavesTheSourceWritable() throws Exception {
        SourceFreeze freeze = new SourceFreeze(admin, info, LOCK_WAIT, List.of());
        try (Connection holder = server.connect(database); Connection waiter = server.connect(database)) {
            holder.setAutoCommit(false);
            execute(holder, "UPDATE t SET v = v + 1 WHERE id = 1");
            execute(waiter, "SET SESSION innodb_lock_wait_timeout = 60");
            // A long UPDATE: it runs (waiting for the holder's row lock) until the holder rolls back.
            CompletableFuture<Void> longUpdate = CompletableFuture.runAsync(() -> {
                try {
                    execute(waiter, "UPDATE t SET v = v + 10 WHERE id = 1");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitTrue("the UPDATE to wait for the row lock", Duration.ofSeconds(10), this::someTransactionWaits);

            long started = System.nanoTime();
            FreezeTimeoutException timeout = assertThrows(FreezeTimeoutException.class, freeze::freeze);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertTrue(took.compareTo(LOCK_WAIT.plusSeconds(2)) < 0, "gave up after " + took);
            assertFalse(timeout.blockers().isEmpty(), timeout.getMessage());
            assertFalse(freeze.isReadOnly());
            assertTrue(freeze.state().isWritable());
            holder.rollback();
            longUpdate.get();
            try (Connection writer = server.connect(database)) {
                execute(writer, "INSERT INTO t VALUES (5, 5)");
            }
        }
    }

    @Test
    void bypassCheckNamesTheAccountsReadOnlyDoesNotStop() throws Exception {
        boolean readOnlyAdmin = info.isMariaDb() && info.atLeast(10, 11);
        String bypassPrivilege = readOnlyAdmin ? "READ_ONLY ADMIN" : "SUPER";
        SourceAccount bypass = createAccount("bypass", bypassPrivilege + " ON *.*");
        SourceAccount plain = createAccount("plain", "SUPER ON *.*");
        for (SourceAccount account : List.of(bypass, plain)) {
            try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
                statement.execute("GRANT INSERT ON " + table + " TO " + account.sql());
            }
        }
        SourceFreeze freeze = new SourceFreeze(admin, info, LOCK_WAIT, List.of());

        List<String> grantees = freeze.bypassAccounts().stream().map(ReadOnlyBypass.Grant::grantee).toList();

        assertTrue(grantees.contains(bypass.sql()), grantees.toString());
        assertEquals(List.of(bypass.sql()), new SourceFreeze(admin, info, LOCK_WAIT, List.of(bypass, plain))
                .appAccountsBypassing().stream().map(ReadOnlyBypass.Grant::grantee).toList());
        if (readOnlyAdmin) {
            assertFalse(grantees.contains(plain.sql()), "SUPER no longer bypasses read_only: " + grantees);
            freeze.freeze();
            try (Connection writer = login(bypass)) {
                execute(writer, "INSERT INTO " + table + " VALUES (6, 6)");
            }
            try (Connection writer = login(plain)) {
                assertThrows(SQLException.class, () -> execute(writer, "INSERT INTO " + table + " VALUES (7, 7)"));
            }
            freeze.unfreeze();
        }
    }

    /** The grants README.md documents for the cutover's admin login on MariaDB 10.5.2 and later, and no more. */
    @Test
    void theDocumentedGrantsAreEnough() throws Exception {
        assumeTrue(info.isMariaDb() && info.atLeast(10, 5), "the MySQL grant set is documented from the manual only");
        SourceAccount app = createAccount("app", "SELECT, INSERT ON " + MySqlNames.quote(database) + ".*");
        SourceAccount cutover = createAccount("cutover",
                "READ_ONLY ADMIN, CONNECTION ADMIN, CREATE USER, PROCESS, BINLOG MONITOR ON *.*");
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("GRANT SELECT ON mysql.* TO " + cutover.sql());
        }
        SourceFreeze freeze = new SourceFreeze(TestSource.connectionsAs(cutover.user(), PASSWORD), info, LOCK_WAIT,
                List.of(app));
        Connection open = login(app);
        open.setAutoCommit(false);
        execute(open, "INSERT INTO " + table + " VALUES (8, 8)");

        assertEquals(1, freeze.freeze().size());

        awaitTrue("the killed session to go", Duration.ofSeconds(10), () -> state(freeze).isFrozen());
        open.close();
        assertTrue(freeze.bypassAccounts().stream().anyMatch(g -> g.grantee().equals(cutover.sql())));
        freeze.finalPosition();
        freeze.unfreeze();
        assertTrue(freeze.state().isWritable());
        assertEquals(List.of(1), ids());
    }

    @Test
    void aFreezeThatCannotKillUndoesItselfAndNamesTheMissingGrant() throws Exception {
        assumeTrue(info.isMariaDb() && info.atLeast(10, 5), "MariaDB privilege names");
        SourceAccount app = createAccount("app", "SELECT ON " + MySqlNames.quote(database) + ".*");
        SourceAccount cutover = createAccount("cutover", "READ_ONLY ADMIN, CREATE USER, PROCESS, BINLOG MONITOR ON *.*");
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("GRANT SELECT ON mysql.* TO " + cutover.sql());
        }
        SourceFreeze freeze = new SourceFreeze(TestSource.connectionsAs(cutover.user(), PASSWORD), info, LOCK_WAIT,
                List.of(app));

        try (Connection session = login(app)) {
            SQLException refused = assertThrows(SQLException.class, freeze::freeze);

            assertTrue(refused.getMessage().contains("CONNECTION ADMIN"), refused.getMessage());
            assertTrue(session.isValid(2), "the session was not killed");
        }
        FreezeState after = freeze.state();
        assertTrue(after.isWritable(), "the failed freeze was undone: " + after);
    }

    @Test
    void aMissingAccountFailsBeforeAnythingChanges() throws Exception {
        SourceFreeze freeze = new SourceFreeze(admin, info, LOCK_WAIT, List.of(SourceAccount.parse("'nobody_here'@'%'")));

        SQLException missing = assertThrows(SQLException.class, freeze::freeze);

        assertTrue(missing.getMessage().contains("'nobody_here'@'%'"), missing.getMessage());
        assertFalse(freeze.isReadOnly());
    }

    private SourceAccount createAccount(String prefix, String grant) throws SQLException {
        SourceAccount account = new SourceAccount(prefix + "_" + ThreadLocalRandom.current().nextInt(1_000_000), "%");
        try (Connection connection = server.connect(database);
             PreparedStatement create = connection.prepareStatement("CREATE USER " + account.sql() + " IDENTIFIED BY ?");
             Statement statement = connection.createStatement()) {
            create.setString(1, PASSWORD);
            create.executeUpdate();
            createdAccounts.add(account.sql());
            statement.execute("GRANT " + grant + " TO " + account.sql());
        }
        return account;
    }

    private Connection login(SourceAccount account) throws SQLException {
        return TestSource.connectionsAs(account.user(), PASSWORD).open();
    }

    private List<Integer> ids() throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id FROM t ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    private boolean someTransactionWaits() {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'")) {
            rs.next();
            return rs.getInt(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FreezeState state(SourceFreeze freeze) {
        try {
            return freeze.state();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long connectionId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Polls {@code condition} until it holds or the deadline passes; no fixed sleeps standing in for a condition. */
    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what
                        + " (last: " + condition + ")");
            }
            Thread.sleep(20);
        }
    }
}
