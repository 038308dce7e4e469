package io.tandem.connectors.mysql.admin;

import io.tandem.engine.lag.HeartbeatLag;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code (seq + 1, now)} to this instance's heartbeat row on the source every interval, each write its own
 * autocommit transaction, on a thread of its own. The row reaches the target through the binlog like any change,
 * which is what makes the lag true (see {@link HeartbeatLag}).
 *
 * <p>A failed write (source down, {@code read_only} during a cutover freeze, a missing grant) never stops
 * replication: it is counted, logged at most once a minute, a lost connection is reopened on the next tick, and
 * the lag simply rises. A network timeout bounds how long one write can block the ticks. {@link #pause()} stops the
 * writes (the cutover pauses it during the freeze) without stopping the lag samples.
 */
public final class HeartbeatWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatWriter.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final Duration MIN_NETWORK_TIMEOUT = Duration.ofSeconds(2);

    private final SourceConnector connector;
    private final ControlTables tables;
    private final String instance;
    private final Duration interval;
    private final Clock clock;
    private final HeartbeatLag lag;
    private final Runnable failureCounter;
    private final ScheduledExecutorService timer;
    private final AtomicLong failures = new AtomicLong();
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
     * @param failureCounter told of every failed write (for the metrics)
     */
    public HeartbeatWriter(SourceConnector connector, ControlTables tables, String instance, Duration interval,
                           Clock clock, HeartbeatLag lag, Runnable failureCounter) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lag = Objects.requireNonNull(lag, "lag");
        this.failureCounter = Objects.requireNonNull(failureCounter, "failureCounter");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tandem-heartbeat-" + instance);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        timer.scheduleAtFixedRate(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("heartbeat every {} ms to {} for instance {}", interval.toMillis(), tables.heartbeat(), instance);
    }

    /**
     * Stops writing heartbeats until {@link #resume()}; the lag then rises by wall time, as it should. Returns once
     * a write in flight has ended, so that nothing of tandem's reaches the source after a cutover's fence.
     */
    public void pause() {
        synchronized (writing) {
            paused = true;
        }
        LOG.info("heartbeat paused");
    }

    public void resume() {
        paused = false;
        LOG.info("heartbeat resumed");
    }

    public boolean paused() {
        return paused;
    }

    /** Writes that failed since start. */
    public long failures() {
        return failures.get();
    }

    /** Nothing may escape: an exception would cancel every later tick of the scheduled task. */
    private void tick() {
        try {
            // Sampled first and on every tick, written or not: a stall is recorded while it lasts.
            lag.sample();
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
        long micros = micros(clock.instant());
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + tables.heartbeat()
                + " (instance, seq, written_at) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE seq = ?, written_at = ?")) {
            upsert.setString(1, instance);
            upsert.setLong(2, next);
            upsert.setLong(3, micros);
            upsert.setLong(4, next);
            upsert.setLong(5, micros);
            upsert.executeUpdate();
        }
        seq = next;
        lag.written(next);
        if (failuresInARow > 0) {
            LOG.info("heartbeat writes succeed again after {} failed (seq {})", failuresInARow, next);
            failuresInARow = 0;
            unloggedFailures = 0;
            lastFailureLogMillis = Long.MIN_VALUE;
        }
    }

    /** A new connection, with the sequence continued from the stored row (so it never goes back after a restart). */
    private Connection open() throws SQLException {
        Connection opened = connector.open();
        try {
            Executor direct = Runnable::run;
            long timeout = Math.max(MIN_NETWORK_TIMEOUT.toMillis(), 5 * interval.toMillis());
            opened.setNetworkTimeout(direct, (int) Math.min(Integer.MAX_VALUE, timeout));
            try (PreparedStatement select = opened.prepareStatement(
                    "SELECT seq FROM " + tables.heartbeat() + " WHERE instance = ?")) {
                select.setString(1, instance);
                try (ResultSet row = select.executeQuery()) {
                    seq = Math.max(seq, row.next() ? row.getLong(1) : 0);
                }
            }
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
            LOG.warn("heartbeat write to {} failed{}; replication goes on, lag rises until writes succeed: {}",
                    tables.heartbeat(), unloggedFailures == 0 ? "" : " (and " + unloggedFailures + " more since the "
                            + "last report)", e.toString());
            lastFailureLogMillis = now;
            unloggedFailures = 0;
        } else {
            unloggedFailures++;
        }
    }

    /**
     * Whether the connection is no use any more, by SQLSTATE class 08 (connection exception) or the driver's
     * exception type, never by message. A refusal on a live connection ({@code read_only} during a cutover freeze,
     * a missing grant) keeps it, so a long freeze does not open a connection per tick.
     */
    private static boolean connectionLost(Exception e) {
        if (!(e instanceof SQLException sql)) {
            return true;
        }
        String state = sql.getSQLState();
        return state == null || state.startsWith("08") || sql instanceof SQLRecoverableException
                || sql instanceof SQLNonTransientConnectionException || sql instanceof SQLTransientConnectionException;
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

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("heartbeat writer did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
