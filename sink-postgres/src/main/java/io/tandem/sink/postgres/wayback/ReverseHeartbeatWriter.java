package io.tandem.sink.postgres.wayback;

import io.tandem.engine.lag.HeartbeatLag;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code (seq + 1, now)} to this instance's row of {@code tandem.reverse_heartbeat} on PostgreSQL every
 * interval (200 ms in production), each write its own autocommit transaction on a connection of its own, from a
 * daemon thread. The row travels the reverse slot to the source like any change, which makes the reverse lag true
 * and keeps the slot's confirmed position moving while the published tables are quiet (CUTOVER.md §3 "Idle WAL").
 * The mirror of the forward {@code HeartbeatWriter} on the source.
 *
 * <p>The connection must not carry a replication origin: the reverse stream filters tagged transactions out
 * ({@code origin=none}), and a filtered heartbeat would measure nothing. {@link TargetConnector} hands out plain
 * connections; never pass the forward sink's.
 *
 * <p>A failed write never stops anything: it is counted, logged at most once a minute, a lost connection is
 * reopened on the next tick, and the lag rises. {@link #pause()} stops the writes (the failback pauses it while
 * PostgreSQL is fenced) and returns once a write in flight has ended.
 */
public final class ReverseHeartbeatWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReverseHeartbeatWriter.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final Duration MIN_NETWORK_TIMEOUT = Duration.ofSeconds(2);

    private final TargetConnector connector;
    private final String instance;
    private final Duration interval;
    private final Clock clock;
    private final HeartbeatLag lag;
    private final Runnable failureCounter;
    private final ScheduledExecutorService timer;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong writtenSeq = new AtomicLong(-1);
    private volatile boolean paused;
    /** Held while a heartbeat is written, so that {@link #pause()} can wait for the one in flight. */
    private final Object writing = new Object();
    /** Touched only by the timer thread. */
    private Connection connection;
    private long seq = -1;
    private long unloggedFailures;
    private long failuresInARow;
    private long lastFailureLogMillis = Long.MIN_VALUE;

    /**
     * @param lag told of every written sequence and sampled on every tick (the reverse applier reports the
     *     applied side)
     * @param failureCounter told of every failed write (for the metrics)
     */
    public ReverseHeartbeatWriter(TargetConnector connector, String instance, Duration interval, Clock clock,
                                  HeartbeatLag lag, Runnable failureCounter) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lag = Objects.requireNonNull(lag, "lag");
        this.failureCounter = Objects.requireNonNull(failureCounter, "failureCounter");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, got " + interval);
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tandem-reverse-heartbeat-" + instance);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        timer.scheduleAtFixedRate(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("reverse heartbeat every {} ms to {}.{} for instance {}", interval.toMillis(),
                ReverseControlTables.SCHEMA, ReverseControlTables.HEARTBEAT, instance);
    }

    /** Stops writing until {@link #resume()}; returns once a write in flight has ended. */
    public void pause() {
        synchronized (writing) {
            paused = true;
        }
        LOG.info("reverse heartbeat paused");
    }

    public void resume() {
        paused = false;
        LOG.info("reverse heartbeat resumed");
    }

    public boolean paused() {
        return paused;
    }

    /** Writes that failed since start. */
    public long failures() {
        return failures.get();
    }

    /** The last sequence committed, -1 before the first. */
    public long writtenSeq() {
        return writtenSeq.get();
    }

    /** Nothing may escape: an exception would cancel every later tick of the scheduled task. */
    private void tick() {
        try {
            lag.sample(); // on every tick, written or not: a stall is recorded while it lasts
            synchronized (writing) {
                if (!paused) {
                    write();
                }
            }
        } catch (SQLException | RuntimeException e) {
            failed(e);
        }
    }

    private void write() throws SQLException {
        if (connection == null) {
            connection = open();
        }
        long next = seq + 1;
        ReverseControlTables.upsertHeartbeat(connection, instance, next,
                ReverseControlTables.micros(clock.instant()));
        seq = next;
        writtenSeq.set(next);
        lag.written(next);
        if (failuresInARow > 0) {
            LOG.info("reverse heartbeat writes succeed again after {} failed (seq {})", failuresInARow, next);
            failuresInARow = 0;
            unloggedFailures = 0;
            lastFailureLogMillis = Long.MIN_VALUE;
        }
    }

    /** A new connection, the sequence continued from the stored row (it never goes back after a restart). */
    private Connection open() throws SQLException {
        Connection opened = connector.open();
        try {
            Executor direct = Runnable::run;
            long timeout = Math.max(MIN_NETWORK_TIMEOUT.toMillis(), 5 * interval.toMillis());
            opened.setNetworkTimeout(direct, (int) Math.min(Integer.MAX_VALUE, timeout));
            opened.setAutoCommit(true);
            try (Statement statement = opened.createStatement()) {
                statement.execute("SET application_name = 'tandem-reverse-heartbeat'");
            }
            seq = Math.max(seq, ReverseControlTables.storedSeq(opened, instance));
            return opened;
        } catch (SQLException | RuntimeException e) {
            try {
                opened.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void failed(Exception e) {
        failures.incrementAndGet();
        failuresInARow++;
        failureCounter.run();
        if (connectionLost(e)) {
            closeConnection(); // reopened on the next tick
        }
        long now = clock.millis();
        if (lastFailureLogMillis == Long.MIN_VALUE || now - lastFailureLogMillis >= LOG_EVERY.toMillis()) {
            LOG.warn("reverse heartbeat write failed{}; reverse lag rises until writes succeed: {}",
                    unloggedFailures == 0 ? "" : " (and " + unloggedFailures + " more since the last report)",
                    e.toString());
            lastFailureLogMillis = now;
            unloggedFailures = 0;
        } else {
            unloggedFailures++;
        }
    }

    /**
     * By SQLSTATE class 08 (connection exception) or 57P (the server shut down or restarted) or the driver's
     * exception type, never by message. A refusal on a live connection (a revoked grant during a failback freeze)
     * keeps it, so a long freeze does not open a connection per tick.
     */
    private static boolean connectionLost(Exception e) {
        if (!(e instanceof SQLException sql)) {
            return true;
        }
        String state = sql.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P")
                || sql instanceof SQLRecoverableException || sql instanceof SQLNonTransientConnectionException
                || sql instanceof SQLTransientConnectionException;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The connection is being dropped because it failed; its close error adds nothing.
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("reverse heartbeat writer did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
