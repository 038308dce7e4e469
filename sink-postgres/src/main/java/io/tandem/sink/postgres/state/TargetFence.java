package io.tandem.sink.postgres.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until the target holds a fence token written on the source ({@code SourceFence}): the sink commits the
 * token with its batch and offset, and the binlog is in commit order, so from then on the target holds everything
 * the source committed before the token. This is the drain of a cutover (CUTOVER.md §7 C3) and the "caught up"
 * check of tests.
 */
public final class TargetFence {

    /** Opens a connection to the target database. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    /** How often the target is asked; a fence typically arrives within one apply batch. */
    private static final Duration POLL = Duration.ofMillis(50);
    private static final String SELECT = "SELECT 1 FROM " + TandemSchema.FENCE + " WHERE token = ?";

    private final Connector connector;
    private final Clock clock;

    public TargetFence(Connector connector, Clock clock) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether the target has committed {@code token}. */
    public boolean holds(String token) throws SQLException {
        try (Connection connection = connector.open();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, token);
            try (ResultSet row = select.executeQuery()) {
                boolean held = row.next();
                if (!connection.getAutoCommit()) {
                    connection.rollback(); // a pooled connection must not go back inside a transaction
                }
                return held;
            }
        }
    }

    /**
     * Returns once the target holds {@code token}.
     *
     * @throws TimeoutException at {@code deadline}, saying which token did not arrive (replication is behind or
     *     stopped; the status page shows which)
     * @throws SQLException when the target cannot be asked
     */
    public void await(String token, Instant deadline) throws TimeoutException, SQLException, InterruptedException {
        while (!holds(token)) {
            if (!clock.instant().isBefore(deadline)) {
                throw new TimeoutException("fence token " + token + " has not reached the target by " + deadline
                        + "; replication is behind or stopped (see /status lagSeconds and lastError)");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL.toMillis()));
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for fence token " + token);
            }
        }
    }
}
