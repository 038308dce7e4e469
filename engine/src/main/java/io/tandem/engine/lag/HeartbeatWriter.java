package io.tandem.engine.lag;

import java.sql.Connection;
import java.sql.SQLException;
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
 * Writes {@code (seq + 1, now)} to this instance's row of a {@link HeartbeatTable} every interval, each write its
 * own autocommit transaction on a connection of its own, from a daemon thread. The row travels to the other side
 * like any change (the binlog forward, the reverse slot back), which is what makes the lag true (see
 * {@link HeartbeatLag}); on PostgreSQL it also keeps the slot's confirmed position moving while the published tables
 * are quiet.
 *
 * <p>A failed write (the database down, {@code read_only} or a revoked grant during a freeze, a missing grant) never
 * stops replication: it is counted, logged at most once a minute, a lost connection is reopened on the next tick,
 * and the lag simply rises. A network timeout bounds how long one write can block the ticks. {@link #pause()} stops
 * the writes (the cutover and the failback pause them during their freeze) without stopping the lag samples.
 */
public final class HeartbeatWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatWriter.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final Duration MIN_NETWORK_TIMEOUT = Duration.ofSeconds(2);

    private final HeartbeatTable table;
    private final String instance;
    private final Duration interval;
    private final Clock clock;
    private final HeartbeatLag lag;
    private final Runnable failureCounter;
    private final ScheduledExecutorService timer;
    private final AtomicLong failures = new AtomicLong();
    private volatile long writtenSeq = -1;
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
     * @param lag told of every written sequence and sampled on every tick (the applying side reports the applied
     *     one)
     * @param failureCounter told of every failed write (for the metrics)
     */
    public HeartbeatWriter(HeartbeatTable table, String instance, Duration interval, Clock clock, HeartbeatLag lag,
                           Runnable failureCounter) {
        this.table = Objects.requireNonNull(table, "table");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lag = Objects.requireNonNull(lag, "lag");
        this.failureCounter = Objects.requireNonNull(failureCounter, "failureCounter");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, got " + interval);
        }
        String threadName = "tandem-" + table.name().replace(' ', '-') + "-" + instance;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        timer.scheduleAtFixedRate(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("{} every {} ms to {} for instance {}", table.name(), interval.toMillis(), table.table(), instance);
    }

    /**
     * Stops writing heartbeats until {@link #resume()}; the lag then rises by wall time, as it should. Returns once
     * a write in flight has ended, so that nothing of tandem's reaches the database after a freeze's fence.
     */
    public void pause() {
        synchronized (writing) {
            paused = true;
        }
        LOG.info("{} paused", table.name());
    }

    public void resume() {
        paused = false;
        LOG.info("{} resumed", table.name());
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
        return writtenSeq;
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
        table.upsert(connection, instance, next, micros(clock.instant()));
        seq = next;
        writtenSeq = next;
        lag.written(next);
        if (failuresInARow > 0) {
            LOG.info("{} writes succeed again after {} failed (seq {})", table.name(), failuresInARow, next);
            failuresInARow = 0;
            unloggedFailures = 0;
            lastFailureLogMillis = Long.MIN_VALUE;
        }
    }

    /** A new connection, with the sequence continued from the stored row (so it never goes back after a restart). */
    private Connection open() throws SQLException {
        Connection opened = table.open();
        try {
            table.prepare(opened);
            Executor direct = Runnable::run;
            long timeout = Math.max(MIN_NETWORK_TIMEOUT.toMillis(), 5 * interval.toMillis());
            opened.setNetworkTimeout(direct, (int) Math.min(Integer.MAX_VALUE, timeout));
            seq = Math.max(seq, table.storedSeq(opened, instance));
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
        if (!(e instanceof SQLException sql) || table.connectionLost(sql)) {
            closeConnection(); // reopened on the next tick
        }
        long now = clock.millis();
        if (lastFailureLogMillis == Long.MIN_VALUE || now - lastFailureLogMillis >= LOG_EVERY.toMillis()) {
            LOG.warn("{} write to {} failed{}; replication goes on, lag rises until writes succeed: {}",
                    table.name(), table.table(), unloggedFailures == 0 ? "" : " (and " + unloggedFailures
                            + " more since the last report)", e.toString());
            lastFailureLogMillis = now;
            unloggedFailures = 0;
        } else {
            unloggedFailures++;
        }
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

    /** {@code written_at}: tandem's clock in µs since the epoch, as the heartbeat and fence tables store it. */
    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{} writer did not stop within 5 s", table.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
