package io.tandem.connectors.mysql.admin;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Freezes application writes on the source for the cutover (CUTOVER.md C1) and undoes it (A1), each on a
 * dedicated connection of the cutover's admin login; every operation is idempotent and {@link #state()} reads the
 * result back, so a resumed cutover can redo or undo a half-done freeze.
 *
 * <p>Order of {@link #freeze()}, and why:
 * <ol>
 *   <li>{@code SET SESSION lock_wait_timeout} first: {@code SET GLOBAL read_only = ON} takes the global read lock
 *       and waits for running write statements. Without a short timeout one long UPDATE stalls the freeze and
 *       every new write queues behind it; with it, new writes wait at most that long and the freeze fails fast
 *       ({@link FreezeTimeoutException}) with the source still writable.</li>
 *   <li>{@code ACCOUNT LOCK} on the application accounts, then {@code KILL CONNECTION} of their sessions, and only
 *       then {@code read_only = ON}. Locking first means a killed client cannot log straight back in; killing rolls
 *       back open transactions and frees their row locks. Killing before {@code read_only}, not after, because
 *       under hot-row contention a pending {@code read_only} and the application's transactions wait for each
 *       other until the timeout: a COMMIT waits behind the pending global read lock while the UPDATE that
 *       {@code read_only} waits for waits for that transaction's row lock (seen here: 1 freeze in 11 at 620
 *       transactions/s on 8 hot rows). The admin login needs the read_only bypass privilege for
 *       {@code ALTER USER} (it writes the grant tables): {@code READ_ONLY ADMIN} on MariaDB 10.5.2 and later
 *       ({@code SUPER} before), {@code CONNECTION_ADMIN} on MySQL.</li>
 * </ol>
 * If any step fails (the timeout included), the freeze undoes itself before rethrowing, so a failed freeze
 * always leaves the source writable and the accounts unlocked. A privilege error names the grants the login lacks.
 *
 * <p>MySQL's {@code super_read_only}, which also stops SUPER/CONNECTION_ADMIN accounts, is a separate step
 * ({@link #setSuperReadOnly}) because the fence token must still be written after the freeze (C2); the MySQL paths
 * follow the reference manual and are untested here (no MySQL server is available to the test suite).
 */
public final class SourceFreeze {

    /** ER_LOCK_WAIT_TIMEOUT: the global read lock was not granted in time. */
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int MAX_BLOCKERS_LISTED = 10;

    private final SourceConnections admin;
    private final ServerInfo server;
    private final Duration lockWaitTimeout;
    private final AccountLocks accounts;

    /**
     * @param admin connections of the cutover's admin login (see the class comment for its privileges)
     * @param lockWaitTimeout how long {@code read_only = ON} may wait; whole seconds, at least one
     * @param appAccounts the application's accounts to lock; may be empty when the application is stopped otherwise
     */
    public SourceFreeze(SourceConnections admin, ServerInfo server, Duration lockWaitTimeout,
                        List<SourceAccount> appAccounts) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.server = Objects.requireNonNull(server, "server");
        this.lockWaitTimeout = Objects.requireNonNull(lockWaitTimeout, "lockWaitTimeout");
        if (lockWaitTimeout.toSeconds() < 1 || lockWaitTimeout.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("lock wait timeout must be whole seconds, at least 1 s: " + lockWaitTimeout);
        }
        for (SourceAccount account : appAccounts) {
            if (account.user().equals(admin.endpoint().user())) {
                throw new IllegalArgumentException("application account " + account + " is the login the cutover"
                        + " freezes with; locking it would lock the cutover out. Use a separate cutover.source-admin");
            }
        }
        this.accounts = new AccountLocks(server, appAccounts);
    }

    /**
     * Locks the application accounts, ends their sessions and makes the source read-only.
     *
     * @return ids of the sessions killed
     * @throws FreezeTimeoutException when running statements held the global read lock past the timeout; the
     *     accounts are unlocked again (the killed sessions' transactions stay rolled back)
     * @throws SQLException on any other failure, after undoing what this call did
     */
    public List<Long> freeze() throws SQLException {
        try (Connection connection = admin.open(); Statement statement = connection.createStatement()) {
            accounts.requireExisting(connection);
            statement.execute("SET SESSION lock_wait_timeout = " + lockWaitTimeout.toSeconds());
            try {
                accounts.lockAll(connection);
                List<Long> killed = accounts.killSessions(connection);
                statement.execute("SET GLOBAL read_only = ON");
                return killed;
            } catch (SQLException e) {
                SQLException failure = e.getErrorCode() == LOCK_WAIT_TIMEOUT
                        ? new FreezeTimeoutException(lockWaitTimeout, runningStatements(connection), e) : e;
                undoAfterFailure(connection, failure);
                throw failure;
            } catch (RuntimeException e) {
                undoAfterFailure(connection, e);
                throw e;
            }
        } catch (FreezeTimeoutException e) {
            throw e;
        } catch (SQLException e) {
            throw AdminGrants.explain(e, server, "freezing the source");
        }
    }

    /**
     * Returns the source to writable: {@code super_read_only} (MySQL) and {@code read_only} off, application
     * accounts unlocked. Safe to call in any state, also when nothing was frozen.
     */
    public void unfreeze() throws SQLException {
        try (Connection connection = admin.open()) {
            unfreeze(connection);
        } catch (SQLException e) {
            throw AdminGrants.explain(e, server, "making the source writable again");
        }
    }

    /**
     * MySQL only: {@code super_read_only = ON} also stops accounts with SUPER or CONNECTION_ADMIN; set it after the
     * fence token is written (C2). Turning it on implies {@code read_only = ON}. Untested (no MySQL here).
     *
     * @throws UnsupportedOperationException on MariaDB, which has no such variable (only READ_ONLY ADMIN bypasses
     *     {@code read_only} there from 10.11)
     */
    public void setSuperReadOnly(boolean on) throws SQLException {
        if (server.isMariaDb()) {
            throw new UnsupportedOperationException("MariaDB has no super_read_only; " + server);
        }
        try (Connection connection = admin.open(); Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION lock_wait_timeout = " + lockWaitTimeout.toSeconds());
            statement.execute("SET GLOBAL super_read_only = " + (on ? "ON" : "OFF"));
        }
    }

    public boolean isReadOnly() throws SQLException {
        try (Connection connection = admin.open()) {
            return globalFlag(connection, "read_only");
        }
    }

    /** Read-only flags, account locks and remaining application sessions, as the server has them now. */
    public FreezeState state() throws SQLException {
        try (Connection connection = admin.open()) {
            List<SourceAccount> locked = accounts.locked(connection);
            List<SourceAccount> unlocked = new ArrayList<>(accounts.accounts());
            unlocked.removeAll(locked);
            boolean superReadOnly = !server.isMariaDb() && globalFlag(connection, "super_read_only");
            return new FreezeState(globalFlag(connection, "read_only"), superReadOnly, locked, unlocked,
                    accounts.sessions(connection));
        }
    }

    /** The final binlog position F; read it after {@link #freeze()} (and after the fence token on MySQL). */
    public BinlogStatus finalPosition() throws SQLException {
        try (Connection connection = admin.open()) {
            return BinlogStatus.read(connection, server);
        }
    }

    /** Accounts that {@code read_only} does not stop on this server, for the cutover gate's report. */
    public List<ReadOnlyBypass.Grant> bypassAccounts() throws SQLException {
        try (Connection connection = admin.open()) {
            return ReadOnlyBypass.find(connection, server);
        }
    }

    /**
     * The configured application accounts that {@code read_only} would not stop: the freeze cannot hold them, so
     * the cutover gate refuses while this is not empty.
     */
    public List<ReadOnlyBypass.Grant> appAccountsBypassing() throws SQLException {
        List<String> app = accounts.accounts().stream().map(SourceAccount::sql).toList();
        return bypassAccounts().stream().filter(grant -> app.contains(grant.grantee())).toList();
    }

    private void unfreeze(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!server.isMariaDb()) {
                statement.execute("SET GLOBAL super_read_only = OFF");
            }
            statement.execute("SET GLOBAL read_only = OFF");
        }
        accounts.unlockAll(connection);
    }

    private void undoAfterFailure(Connection connection, Exception failure) {
        try {
            unfreeze(connection);
        } catch (SQLException | RuntimeException undo) {
            failure.addSuppressed(undo);
        }
    }

    /** The sessions running a statement, as {@code id user Ns state}; no statement text, which may hold data. */
    private static List<String> runningStatements(Connection connection) {
        List<String> running = new ArrayList<>();
        String sql = "SELECT ID, USER, TIME, STATE FROM information_schema.PROCESSLIST"
                + " WHERE COMMAND = 'Query' AND ID <> CONNECTION_ID() ORDER BY TIME DESC LIMIT " + MAX_BLOCKERS_LISTED;
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                running.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getLong(3) + "s " + rs.getString(4));
            }
        } catch (SQLException e) {
            running.add("(could not list them: " + e.getMessage() + ")");
        }
        return running;
    }

    private static boolean globalFlag(Connection connection, String variable) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@GLOBAL." + variable)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
