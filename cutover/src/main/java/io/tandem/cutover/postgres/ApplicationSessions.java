package io.tandem.cutover.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends the sessions of the application's roles on PostgreSQL, after their writes were revoked: a REVOKE stops the
 * next statement, not a transaction that is already writing or a statement already running. Terminating rolls back
 * what they had not committed ({@code CUTOVER.md} §5: {@code default_transaction_read_only} is no fence, any
 * session can undo it).
 */
public final class ApplicationSessions {

    /** The sessions of these roles other than this one. */
    private static final String SESSIONS = "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
            + " AND datname = current_database() AND usename = ANY (?)";
    /**
     * Signals exactly the pids found before. Not one query with the filter: the planner may evaluate a condition
     * pushed into pg_stat_activity's function scan before the joins that filter by database and role, which would
     * terminate every session on the server.
     */
    private static final String TERMINATE = "SELECT pg_terminate_backend(pid) FROM unnest(?) AS pid";
    private static final String STILL_THERE = "SELECT pid FROM pg_stat_activity WHERE pid = ANY (?)";
    private static final long POLL_MILLIS = 5;

    private ApplicationSessions() {
    }

    /**
     * Terminates every session of {@code roles} in this database and waits up to {@code timeoutMillis} for them to
     * be gone; returns the pids still there then (empty: all gone). Runs on an auto-commit connection: each poll
     * must see the sessions as they are now.
     */
    public static List<Integer> terminate(Connection connection, List<String> roles, long timeoutMillis)
            throws SQLException, InterruptedException {
        if (roles.isEmpty()) {
            return List.of();
        }
        List<Integer> signalled = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SESSIONS)) {
            statement.setArray(1, connection.createArrayOf("text", roles.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    signalled.add(rows.getInt(1));
                }
            }
        }
        if (signalled.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement statement = connection.prepareStatement(TERMINATE)) {
            statement.setArray(1, connection.createArrayOf("int4", signalled.toArray()));
            statement.executeQuery().close();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<Integer> remaining = signalled;
        while (!remaining.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            remaining = stillThere(connection, remaining);
        }
        return remaining;
    }

    private static List<Integer> stillThere(Connection connection, List<Integer> pids) throws SQLException {
        List<Integer> there = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(STILL_THERE)) {
            Array array = connection.createArrayOf("int4", pids.toArray());
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    there.add(rows.getInt(1));
                }
            }
        }
        return there;
    }
}
