package io.tandem.connectors.mysql.admin;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Locks the application's source accounts and ends their sessions, and tells whether they are locked.
 *
 * <p>{@code ALTER USER … ACCOUNT LOCK} refuses new logins only, so the accounts' existing sessions are ended with
 * {@code KILL CONNECTION}, which also rolls back their open transactions and releases their row locks. Sessions are
 * found by user name in {@code information_schema.PROCESSLIST}: the process list does not say which host pattern
 * authenticated a session, so every session of a configured user name is ended, whatever host it came from.
 * Every method is idempotent.
 *
 * <p>Needs {@code CREATE USER} (for {@code ALTER USER}), {@code SELECT} on {@code mysql.global_priv} (MariaDB) or
 * {@code mysql.user} (MySQL) to read the lock state, and the right to kill other users' sessions: MariaDB
 * {@code CONNECTION ADMIN} (or {@code SUPER}), MySQL {@code CONNECTION_ADMIN}. The MySQL queries follow the reference
 * manual and are not tested here.
 */
public final class AccountLocks {

    private static final String MARIADB_LOCKED = "SELECT JSON_VALUE(Priv, '$.account_locked')"
            + " FROM mysql.global_priv WHERE User = ? AND Host = ?";
    private static final String MYSQL_LOCKED = "SELECT account_locked FROM mysql.user WHERE User = ? AND Host = ?";
    private static final String SESSIONS = "SELECT ID FROM information_schema.PROCESSLIST"
            + " WHERE USER = ? AND ID <> CONNECTION_ID() ORDER BY ID";
    /** ER_NO_SUCH_THREAD: the session ended between listing and killing it. */
    private static final int UNKNOWN_THREAD = 1094;

    private final ServerInfo server;
    private final List<SourceAccount> accounts;

    public AccountLocks(ServerInfo server, List<SourceAccount> accounts) {
        this.server = Objects.requireNonNull(server, "server");
        this.accounts = List.copyOf(accounts);
    }

    public List<SourceAccount> accounts() {
        return accounts;
    }

    /** Throws naming every configured account that does not exist, so a typo fails before anything changes. */
    public void requireExisting(Connection connection) throws SQLException {
        List<SourceAccount> missing = new ArrayList<>();
        for (SourceAccount account : accounts) {
            if (lockFlag(connection, account) == null) {
                missing.add(account);
            }
        }
        if (!missing.isEmpty()) {
            throw new SQLException("source account(s) " + missing + " do not exist; list the application's accounts"
                    + " exactly as SELECT User, Host FROM mysql.user shows them in cutover.source-app-accounts");
        }
    }

    public void lockAll(Connection connection) throws SQLException {
        alterAll(connection, "ACCOUNT LOCK");
    }

    public void unlockAll(Connection connection) throws SQLException {
        alterAll(connection, "ACCOUNT UNLOCK");
    }

    /** The configured accounts that are locked now. */
    public List<SourceAccount> locked(Connection connection) throws SQLException {
        List<SourceAccount> locked = new ArrayList<>();
        for (SourceAccount account : accounts) {
            if (Boolean.TRUE.equals(lockFlag(connection, account))) {
                locked.add(account);
            }
        }
        return locked;
    }

    /** Ids of the sessions of the configured user names, except the caller's own. */
    public List<Long> sessions(Connection connection) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SESSIONS)) {
            for (String user : userNames()) {
                statement.setString(1, user);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
        }
        return ids;
    }

    /**
     * Ends every session of the configured user names and returns their ids. A session that ended by itself in
     * between is not an error (1094, unknown thread id). The server rolls back a killed session's transaction
     * asynchronously; {@link #sessions} lists it until it is gone.
     */
    public List<Long> killSessions(Connection connection) throws SQLException {
        List<Long> killed = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (long id : sessions(connection)) {
                try {
                    // KILL takes no parameters; the id is a number the server gave us.
                    statement.execute("KILL CONNECTION " + id);
                    killed.add(id);
                } catch (SQLException e) {
                    if (e.getErrorCode() != UNKNOWN_THREAD) {
                        throw e;
                    }
                }
            }
        }
        return killed;
    }

    private void alterAll(Connection connection, String clause) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (SourceAccount account : accounts) {
                statement.execute("ALTER USER " + account.sql() + " " + clause);
            }
        }
    }

    private Set<String> userNames() {
        Set<String> users = new LinkedHashSet<>();
        accounts.forEach(a -> users.add(a.user()));
        return users;
    }

    /** True when locked, false when not, null when the account does not exist. */
    private Boolean lockFlag(Connection connection, SourceAccount account) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(server.isMariaDb() ? MARIADB_LOCKED : MYSQL_LOCKED)) {
            statement.setString(1, account.user());
            statement.setString(2, account.host());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String flag = rs.getString(1);
                // MariaDB stores JSON true, which JSON_VALUE returns as 1 (absent when never locked); MySQL 'Y'/'N'.
                return flag != null && (flag.equals("1") || flag.equalsIgnoreCase("true") || flag.equalsIgnoreCase("Y"));
            }
        }
    }
}
