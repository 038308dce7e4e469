package io.tandem.sink.postgres.wayback;

import io.tandem.sink.postgres.wayback.SlotState.Phase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse direction's logical slot ({@code tandem_reverse}, pgoutput), created days before cutover (CUTOVER.md
 * §1.3, §7 P5). Creation waits without limit until every write transaction open when it began has ended, prepared
 * ones included, so {@link #start} never blocks: the creation runs on a connection and a thread of its own, and
 * until it returns the state is CREATING with the transactions it waits for, refreshed every poll from another
 * connection and logged at intervals. Creation never times out: the slot is wanted, and giving up would only
 * restart the same wait later; an operator who would rather not wait ends the named transactions or calls
 * {@link #drop}.
 *
 * <p>Idempotent: a slot of that name already there (pgoutput, this database) is READY at once. Not thread-safe for
 * concurrent {@link #start} / {@link #drop} calls from several threads; {@link #state} may be read from any.
 */
public final class ReverseSlot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReverseSlot.class);
    public static final String DEFAULT_NAME = "tandem_reverse";
    public static final String PLUGIN = "pgoutput";
    /** PostgreSQL's own rule for slot names, checked here so a bad name fails before anything is created. */
    private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");
    private static final String DUPLICATE_OBJECT = "42710";
    private static final String OBJECT_IN_USE = "55006";
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

    private static final String EXISTING = "SELECT plugin, slot_type, database::text, database = current_database()"
            + " FROM pg_replication_slots WHERE slot_name = ?";
    private static final String CREATE = "SELECT lsn::text FROM pg_create_logical_replication_slot(?, '"
            + PLUGIN + "')";
    private static final String DROP = "SELECT pg_drop_replication_slot(slot_name), active_pid"
            + " FROM pg_replication_slots WHERE slot_name = ?";

    private final TargetConnector connector;
    private final String name;
    private final Clock clock;
    private final Duration poll;
    private final Duration logEvery;
    private final AtomicReference<SlotState> state;
    private final ScheduledExecutorService threads;
    /** The creation in flight: completed with its final state. Null before the first start. */
    private volatile CompletableFuture<SlotState> creation;
    private volatile Statement creatingStatement;
    private volatile boolean cancelling;
    /** Guards the two fields below: watching ticks and the final close may run on either thread. */
    private final Object watchLock = new Object();
    private Connection watchConnection;
    private long lastLogMillis = Long.MIN_VALUE;

    /**
     * @param poll how often the blockers are looked up while creating (e.g. 1 s)
     * @param logEvery how often a waiting creation is logged (e.g. 30 s)
     */
    public ReverseSlot(TargetConnector connector, String name, Clock clock, Duration poll, Duration logEvery) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.poll = Objects.requireNonNull(poll, "poll");
        this.logEvery = Objects.requireNonNull(logEvery, "logEvery");
        if (!SLOT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("slot names are 1 to 63 lower-case letters, digits and underscores: '"
                    + name.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        this.state = new AtomicReference<>(SlotState.absent(clock.instant()));
        // Two threads: one blocks in the creation for as long as it takes, the other watches it.
        this.threads = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "tandem-reverse-slot-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    public String name() {
        return name;
    }

    public SlotState state() {
        return state.get();
    }

    /**
     * READY at once if the slot exists; otherwise begins the creation and returns CREATING. A call while creating
     * or ready changes nothing.
     *
     * @throws IllegalStateException when a slot of this name exists with another plugin, type or database
     */
    public synchronized SlotState start() throws SQLException {
        Phase phase = state().phase();
        if (phase == Phase.CREATING || phase == Phase.READY) {
            return state();
        }
        if (exists()) {
            transition(phase, SlotState.ready(clock.instant(), null));
            return state();
        }
        Instant since = clock.instant();
        cancelling = false;
        transition(phase, SlotState.creating(since, null, List.of()));
        CompletableFuture<SlotState> outcome = new CompletableFuture<>();
        creation = outcome;
        threads.execute(() -> outcome.complete(create(since)));
        return state();
    }

    /**
     * Waits up to {@code timeout} for the creation to end; returns the state then (still CREATING on timeout).
     */
    public SlotState await(Duration timeout) throws InterruptedException {
        CompletableFuture<SlotState> outcome = creation;
        if (outcome != null) {
            try {
                outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Still waiting: the state says for what.
            } catch (ExecutionException e) {
                throw new IllegalStateException("slot creation task failed", e.getCause());
            }
        }
        return state();
    }

    /**
     * Disarms: cancels a creation in flight, then drops the slot if it exists. The slot must not be streamed from
     * (stop the reverse connector first); an active slot is refused with the pid that holds it.
     */
    public synchronized void drop() throws SQLException, InterruptedException {
        cancelCreation();
        try (Connection connection = connector.open();
                PreparedStatement drop = connection.prepareStatement(DROP)) {
            drop.setString(1, name);
            try (ResultSet row = drop.executeQuery()) {
                if (row.next()) {
                    LOG.info("reverse slot {} dropped", name);
                }
            }
        } catch (SQLException e) {
            if (OBJECT_IN_USE.equals(e.getSQLState())) {
                throw new SQLException("reverse slot " + name + " is being streamed from; stop the reverse connector"
                        + " before dropping it", e.getSQLState(), e);
            }
            throw e;
        }
        Phase phase = state().phase();
        if (phase != Phase.ABSENT) {
            transition(phase, SlotState.absent(clock.instant()));
        }
    }

    /** Whether the slot exists, checking that it is the one tandem would have made. */
    private boolean exists() throws SQLException {
        try (Connection connection = connector.open();
                PreparedStatement select = connection.prepareStatement(EXISTING)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                if (!PLUGIN.equals(row.getString(1)) || !"logical".equals(row.getString(2)) || !row.getBoolean(4)) {
                    throw new IllegalStateException("slot " + name + " exists as a " + row.getString(2) + " slot "
                            + "with plugin " + row.getString(1) + " in database " + row.getString(3) + "; the way "
                            + "back needs a logical " + PLUGIN + " slot in this database: drop it or choose another "
                            + "name");
                }
                return true;
            }
        }
    }

    /** The creation task: returns the final state, having moved to it. */
    private SlotState create(Instant since) {
        ScheduledFuture<?> watching = null;
        try (Connection connection = connector.open(); Statement session = connection.createStatement()) {
            connection.setAutoCommit(true); // creation refuses to run in a transaction that has written
            connection.setNetworkTimeout(Runnable::run, 0); // the wait is unbounded by design, also on the socket
            session.execute("SET application_name = 'tandem-reverse-slot'");
            session.execute("SET statement_timeout = 0"); // a role or database default would cut the wait short
            int pid;
            try (ResultSet row = session.executeQuery("SELECT pg_backend_pid()")) {
                row.next();
                pid = row.getInt(1);
            }
            refresh(pid, List.of());
            watching = threads.scheduleWithFixedDelay(() -> watch(pid, since), 0, poll.toMillis(),
                    TimeUnit.MILLISECONDS);
            String lsn;
            try (PreparedStatement create = connection.prepareStatement(CREATE)) {
                create.setString(1, name);
                creatingStatement = create;
                if (cancelling) {
                    throw new SQLException("creation cancelled before it began", "57014");
                }
                try (ResultSet row = create.executeQuery()) {
                    row.next();
                    lsn = row.getString(1);
                }
            } finally {
                creatingStatement = null;
            }
            LOG.info("reverse slot {} created at {} after {} s", name, lsn,
                    Duration.between(since, clock.instant()).toSeconds());
            return finish(SlotState.ready(clock.instant(), lsn));
        } catch (SQLException | RuntimeException e) {
            return finish(outcomeOf(e));
        } finally {
            if (watching != null) {
                watching.cancel(false);
            }
            threads.execute(this::closeWatchConnection);
        }
    }

    private SlotState outcomeOf(Exception e) {
        if (cancelling) {
            LOG.info("reverse slot {} creation cancelled", name);
            return SlotState.absent(clock.instant());
        }
        if (e instanceof SQLException sql && DUPLICATE_OBJECT.equals(sql.getSQLState())) {
            LOG.info("reverse slot {} was created meanwhile by another session", name);
            return SlotState.ready(clock.instant(), null);
        }
        String reason = e instanceof SQLException sql ? sql.getMessage() + " (SQLSTATE " + sql.getSQLState() + ")"
                : e.toString();
        LOG.error("reverse slot {} could not be created: {}", name, reason);
        return SlotState.failed(clock.instant(), reason);
    }

    private SlotState finish(SlotState next) {
        transition(Phase.CREATING, next);
        return next;
    }

    /** A watching tick: looks up the blockers, publishes them, logs them now and then. Never throws. */
    private void watch(int creatorPid, Instant since) {
        synchronized (watchLock) {
            watchLocked(creatorPid, since);
        }
    }

    private void watchLocked(int creatorPid, Instant since) {
        try {
            if (watchConnection == null) {
                watchConnection = connector.open();
                watchConnection.setAutoCommit(true);
            }
            List<SlotBlocker> blockers = SlotBlocker.find(watchConnection, creatorPid);
            if (!refresh(creatorPid, blockers)) {
                return;
            }
            long now = clock.millis();
            if (!blockers.isEmpty() && (lastLogMillis == Long.MIN_VALUE || now - lastLogMillis >= logEvery.toMillis())) {
                lastLogMillis = now;
                LOG.warn("reverse slot {} waiting {} s for {} write transaction(s) to end: {}", name,
                        Duration.between(since, clock.instant()).toSeconds(), blockers.size(),
                        String.join("; ", blockers.stream().map(SlotBlocker::describe).toList()));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not look up what reverse slot {} waits for: {}", name, e.toString());
            closeWatchConnection();
        }
    }

    /** Replaces the blockers of a CREATING state; false once the creation has ended. */
    private boolean refresh(int creatorPid, List<SlotBlocker> blockers) {
        while (true) {
            SlotState current = state.get();
            if (current.phase() != Phase.CREATING) {
                return false;
            }
            if (state.compareAndSet(current, SlotState.creating(current.since(), creatorPid, blockers))) {
                return true;
            }
        }
    }

    private void transition(Phase expected, SlotState next) {
        while (true) {
            SlotState current = state.get();
            if (current.phase() != expected || !expected.allows(next.phase())) {
                throw new IllegalStateException("reverse slot " + name + ": no move from " + current.phase()
                        + " (expected " + expected + ") to " + next.phase());
            }
            if (state.compareAndSet(current, next)) {
                LOG.info("reverse slot {}: {} -> {}", name, expected, next.phase());
                return;
            }
        }
    }

    /** Cancels a creation in flight and waits for it to end (it ends ABSENT, or READY if it won the race). */
    private void cancelCreation() throws SQLException, InterruptedException {
        CompletableFuture<SlotState> outcome = creation;
        if (outcome == null || outcome.isDone()) {
            return;
        }
        cancelling = true;
        long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
        while (!outcome.isDone()) {
            Statement statement = creatingStatement;
            if (statement != null) {
                statement.cancel();
            }
            if (System.nanoTime() > deadline) {
                throw new SQLException("reverse slot " + name + " creation did not end within "
                        + CANCEL_WAIT.toSeconds() + " s of its cancel");
            }
            try {
                outcome.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Cancel again: the first may have come before the statement was sent.
            } catch (ExecutionException e) {
                throw new IllegalStateException("slot creation task failed", e.getCause());
            }
        }
    }

    private void closeWatchConnection() {
        synchronized (watchLock) {
            if (watchConnection != null) {
                try {
                    watchConnection.close();
                } catch (SQLException ignored) {
                    // Only used to look at pg_stat_activity; nothing to lose.
                }
                watchConnection = null;
            }
            lastLogMillis = Long.MIN_VALUE;
        }
    }

    /** Cancels a creation in flight (the slot is then not created) and stops the threads. */
    @Override
    public void close() {
        try {
            cancelCreation();
        } catch (SQLException e) {
            LOG.warn("reverse slot {}: {}", name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
    }
}
