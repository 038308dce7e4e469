package io.tandem.sink.postgres.wayback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets {@code REPLICA IDENTITY FULL} on every published table that does not have it yet. FULL on all, decided:
 * the old row image then carries unchanged TOASTed values (with DEFAULT they arrive as placeholders, CUTOVER.md §3
 * "TOAST"), and a keyless table can be replicated at all (without an identity PostgreSQL rejects its UPDATE and
 * DELETE once it is published, §1.4).
 *
 * <p>{@code ALTER TABLE … REPLICA IDENTITY} takes an ACCESS EXCLUSIVE lock, briefly. Queued behind a long query it
 * would block every later reader of the table, so each attempt runs with a short {@code lock_timeout}, in its own
 * transaction; a table still busy after the attempts is reported, not waited for, and the next ensure tries again.
 */
public final class ReplicaIdentity {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaIdentity.class);
    /** lock_not_available: the lock_timeout expired. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String IDENTITY = "SELECT relreplident FROM pg_class WHERE oid = ?::regclass";

    /**
     * @param changed set to FULL by this call
     * @param busy still not FULL: their lock was not granted within the timeout on any attempt
     */
    public record Result(List<PublishedTable> changed, List<PublishedTable> alreadyFull, List<PublishedTable> busy) {

        public Result {
            changed = List.copyOf(changed);
            alreadyFull = List.copyOf(alreadyFull);
            busy = List.copyOf(busy);
        }
    }

    private final Duration lockTimeout;
    private final int attempts;
    private final Duration pause;

    /**
     * @param lockTimeout how long one attempt may wait for the lock (e.g. 500 ms)
     * @param attempts per table, at least 1
     * @param pause between attempts, so the query holding the lock can finish
     */
    public ReplicaIdentity(Duration lockTimeout, int attempts, Duration pause) {
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
        this.pause = Objects.requireNonNull(pause, "pause");
        if (lockTimeout.toMillis() < 1 || attempts < 1 || pause.isNegative()) {
            throw new IllegalArgumentException("need lockTimeout ≥ 1 ms, attempts ≥ 1, pause ≥ 0; got "
                    + lockTimeout + ", " + attempts + ", " + pause);
        }
        this.attempts = attempts;
    }

    /**
     * Commits each table's change on its own; the connection must be in autocommit mode and is left so.
     *
     * @throws SQLException on anything but a lock timeout (a missing table, a missing ownership)
     */
    public Result ensureFull(Connection connection, List<PublishedTable> tables)
            throws SQLException, InterruptedException {
        if (!connection.getAutoCommit()) {
            throw new IllegalStateException("replica identity is set one table per transaction; pass an autocommit "
                    + "connection");
        }
        List<PublishedTable> changed = new ArrayList<>();
        List<PublishedTable> alreadyFull = new ArrayList<>();
        List<PublishedTable> busy = new ArrayList<>();
        for (PublishedTable table : tables) {
            if (isFull(connection, table)) {
                alreadyFull.add(table);
            } else if (setFull(connection, table)) {
                changed.add(table);
            } else {
                busy.add(table);
            }
        }
        if (!changed.isEmpty()) {
            LOG.info("replica identity FULL set on {}", changed);
        }
        if (!busy.isEmpty()) {
            LOG.warn("replica identity not yet FULL on {}: each lock wait exceeded {} ms on {} attempts (long queries "
                    + "on them); retry when they are quiet", busy, lockTimeout.toMillis(), attempts);
        }
        return new Result(changed, alreadyFull, busy);
    }

    public static boolean isFull(Connection connection, PublishedTable table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(IDENTITY)) {
            select.setString(1, table.quoted());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return "f".equals(row.getString(1));
            }
        }
    }

    /** @return false when every attempt timed out waiting for the lock */
    private boolean setFull(Connection connection, PublishedTable table) throws SQLException, InterruptedException {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                Thread.sleep(pause.toMillis());
            }
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // Local to this transaction: the session's own setting is back after the commit or rollback.
                statement.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
                statement.execute("ALTER TABLE " + table.quoted() + " REPLICA IDENTITY FULL");
                connection.commit();
                return true;
            } catch (SQLException e) {
                rollback(connection, e);
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw e;
                }
                LOG.debug("replica identity of {}: lock not granted within {} ms (attempt {} of {})", table,
                        lockTimeout.toMillis(), attempt, attempts);
            } finally {
                connection.setAutoCommit(true);
            }
        }
        return false;
    }

    private static void rollback(Connection connection, SQLException failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
