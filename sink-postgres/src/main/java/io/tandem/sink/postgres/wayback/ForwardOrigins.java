package io.tandem.sink.postgres.wayback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Replication origins that tag the forward sink's commits on PostgreSQL, so the reverse stream can leave them out
 * ({@code origin=none} on PG ≥ 16, the origin field client-side below): loop prevention (CUTOVER.md §4, §7 P3).
 *
 * <p>An origin can be set up in one backend at a time ("already active for PID"), and the sink writes on several
 * connections at once (its pool, parallel snapshot loads). So there are {@code count} origins,
 * {@code tandem_forward_0} … {@code tandem_forward_<count-1>}, and each session takes the first one free, for its
 * whole life: PostgreSQL itself arbitrates (the failing setup is the lock), nothing in tandem has to track which
 * connection holds which, and a backend that ends, even killed, frees its origin. Size {@code count} as the sink's
 * connections plus a few spare for backends the server has not yet noticed are gone. Setting up and resetting
 * around every transaction instead would need as many origins anyway (one per concurrent transaction) and cost two
 * more round trips per batch.
 */
public final class ForwardOrigins {

    public static final String PREFIX = "tandem_forward_";

    private static final String CREATE = "SELECT pg_replication_origin_create(?) WHERE pg_replication_origin_oid(?)"
            + " IS NULL";
    private static final String DROP = "SELECT pg_replication_origin_drop(?) WHERE pg_replication_origin_oid(?)"
            + " IS NOT NULL";

    private ForwardOrigins() {
    }

    /** {@code tandem_forward_0} … {@code tandem_forward_<count-1>}. */
    public static List<String> names(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one forward origin, got " + count);
        }
        return IntStream.range(0, count).mapToObj(i -> PREFIX + i).toList();
    }

    /**
     * Creates the origins that do not exist yet; runs in the caller's transaction.
     *
     * @return the names created by this call
     */
    public static List<String> ensure(Connection connection, int count) throws SQLException {
        List<String> created = new ArrayList<>();
        try (PreparedStatement create = connection.prepareStatement(CREATE)) {
            for (String name : names(count)) {
                create.setString(1, name);
                create.setString(2, name);
                try (ResultSet row = create.executeQuery()) {
                    if (row.next()) {
                        created.add(name);
                    }
                }
            }
        }
        return created;
    }

    /** Drops the origins (disarming); fails with SQLSTATE 55006 while a session still uses one. */
    public static void drop(Connection connection, int count) throws SQLException {
        try (PreparedStatement drop = connection.prepareStatement(DROP)) {
            for (String name : names(count)) {
                drop.setString(1, name);
                drop.setString(2, name);
                drop.executeQuery().close();
            }
        }
    }

    /**
     * The statement that tags a session with the first free forward origin, e.g. as a pool's connection-init SQL
     * (it runs once per new physical connection, which is the lifetime wanted). Each failed attempt runs in a
     * PL/pgSQL exception block, a subtransaction, so a taken origin ({@code object_in_use}) costs nothing and any
     * other error (a missing grant, a missing origin) fails the session loudly. When all are taken it fails with
     * SQLSTATE 53400 (configuration limit exceeded).
     */
    public static String sessionSetupSql(int count) {
        int last = names(count).size() - 1;
        return "DO $tandem$ BEGIN"
                + " FOR i IN 0.." + last + " LOOP"
                + " BEGIN PERFORM pg_catalog.pg_replication_origin_session_setup('" + PREFIX + "' || i); RETURN;"
                + " EXCEPTION WHEN object_in_use THEN NULL; END;"
                + " END LOOP;"
                + " RAISE EXCEPTION 'all " + count + " forward replication origins (" + PREFIX + "0..) are in use by"
                + " other sessions; raise the forward origin count' USING ERRCODE = 'configuration_limit_exceeded';"
                + " END $tandem$";
    }

    /**
     * Tags the session: every transaction it commits from now on carries a forward origin, until
     * {@link #untagSession} or the session ends. Call it between transactions; on a connection that is not in
     * autocommit mode it commits.
     */
    public static void tagSession(Connection connection, int count) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sessionSetupSql(count));
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** Whether the session carries an origin now. */
    public static boolean isTagged(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_replication_origin_session_is_setup()")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    /** Frees the session's origin for another session; its later commits are untagged. */
    public static void untagSession(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_replication_origin_session_reset()");
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
