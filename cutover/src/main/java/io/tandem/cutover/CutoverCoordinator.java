package io.tandem.cutover;

import io.tandem.cutover.Direction.Primary;
import io.tandem.engine.config.HookConfig;
import io.tandem.engine.pipeline.PipelineState;
import io.tandem.engine.pipeline.ReplicationHandle;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switch between MySQL and PostgreSQL, in either direction, one attempt at a time: the cutover
 * ({@code CUTOVER.md} §7, C0–C8 and A1) and its mirror, the failback (F1–F7). Both walk the same steps, each on
 * the {@link Switch} of its direction:
 * <ol>
 * <li>gate: every {@link GateCheck} passes, else refuse with the reasons and change nothing;</li>
 * <li>freeze the database the application leaves, bounded in time;</li>
 * <li>fence: a token through the replication being drained, and the log position just after it;</li>
 * <li>drain: the other database holds the token, and nothing was written after the fence;</li>
 * <li>verify what changed since the last pass;</li>
 * <li>set identities, sequences or AUTO_INCREMENT counters past every table's largest value;</li>
 * <li>stop the drained replication applying;</li>
 * <li>arm the way back ({@link WayBack});</li>
 * <li>open the other database ({@link Opening}: in the journal's transaction on PostgreSQL, around it on MySQL);</li>
 * <li>hooks switch-app and post-open.</li>
 * </ol>
 * Every step before the opening runs against the direction's write-pause budget: a failure or the budget running
 * out aborts, which makes the database the application left writable again and resumes the replication from where
 * it stood, so nothing is lost. Each move is persisted first ({@link CutoverJournal}), and {@link #recover()}
 * finishes or rolls back an attempt a crash interrupted.
 */
public final class CutoverCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(CutoverCoordinator.class);
    private static final SecureRandom TOKENS = new SecureRandom();

    /**
     * Everything one direction of switching works with.
     *
     * @param source the database the application leaves, as the source of the replication drained
     * @param target the database the application moves to
     * @param leaving the replication drained: paused at the switch, stopped (or turned to shadow) once committed
     * @param heartbeat tandem's writes on {@code source} that must pause while it is frozen
     * @param afterCommit what happens to the replications once the switch committed, before the hooks; not run
     *     when a restart finishes an attempt (the daemon then starts the replications for the new primary itself)
     */
    public record Switch(Direction direction, SourceSide source, TargetSide target, ReplicationHandle leaving,
                         Pausable heartbeat, WayBack wayBack, List<GateCheck> gate, Duration maxPause,
                         Runnable afterCommit) {

        public Switch {
            Objects.requireNonNull(direction, "direction");
            gate = List.copyOf(gate);
        }
    }

    private final CutoverJournal journal;
    private final Hooks hooks;
    private final Switch cutover;
    private final Switch failback;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final AtomicBoolean running = new AtomicBoolean();
    /** Held by a running attempt, and by {@link #whileIdle} checks that must not interleave with one. */
    private final ReentrantLock switching = new ReentrantLock();
    private volatile CutoverReport latest;
    /** The application's database as the journal says; MySQL until an attempt committed. */
    private volatile Primary primary = Primary.MYSQL;
    /** The gate as last evaluated for the status, which the status page asks for every second. */
    private volatile CachedReadiness cachedReadiness;

    private record CachedReadiness(Direction direction, List<GateCheck.Result> results, long evaluatedAtNanos) {
    }

    /** How long a readiness evaluated for the status is shown before it is evaluated again. */
    private static final Duration READINESS_MAX_AGE = Duration.ofSeconds(2);

    /** @param failback null when failback is not enabled: a cutover is then one-way */
    public CutoverCoordinator(CutoverJournal journal, Hooks hooks, Switch cutover, Switch failback, Clock clock,
                              LongSupplier nanoTime) {
        this.journal = journal;
        this.hooks = hooks;
        this.cutover = cutover;
        this.failback = failback;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** The application's database, as of the latest attempt this process knows of. */
    public Primary primary() {
        return primary;
    }

    /** The switch that would move the application away from its current database. */
    public Direction nextDirection() {
        return primary == Primary.MYSQL ? Direction.CUTOVER : Direction.FAILBACK;
    }

    /** Every gate check of {@code direction}, evaluated now. */
    public List<GateCheck.Result> readiness(Direction direction) {
        String refusal = wrongSide(direction);
        if (refusal != null) {
            return List.of(GateCheck.Result.fail(direction.label(), refusal));
        }
        List<GateCheck.Result> results = new ArrayList<>();
        for (GateCheck check : switchOf(direction).gate()) {
            try {
                results.add(check.evaluate());
            } catch (RuntimeException e) {
                LOG.warn("{} gate check failed to evaluate", direction.label(), e);
                results.add(GateCheck.Result.fail("check", "could not be evaluated: " + e.getMessage()));
            }
        }
        return results;
    }

    /** Why {@code direction} cannot run from where the application is now, or null. */
    private String wrongSide(Direction direction) {
        if (direction == Direction.FAILBACK && failback == null) {
            return "failback is not enabled (failback.enabled: false), so there is no way back to MySQL";
        }
        if (primary == direction.primaryAfter()) {
            return primary == Primary.POSTGRES
                    ? "already cut over: PostgreSQL is the application's database (tandem failback goes back)"
                    : "MySQL is the application's database already; there is nothing to fail back";
        }
        return null;
    }

    /**
     * The latest attempt as last seen by this process, with the readiness of the next possible switch as evaluated
     * at most two seconds ago (each check queries a database; the status page polls every second).
     */
    public CutoverReport status() {
        CutoverReport last = latest;
        List<GateCheck.Result> readiness = running.get() && last != null ? last.readiness() : cachedReadiness();
        if (last == null) {
            return new CutoverReport(null, nextDirection(), null, null, null, null, null, List.of(), null, readiness,
                    false);
        }
        return new CutoverReport(last.attempt(), last.direction(), last.state(), last.startedAt(), last.token(),
                last.finalPosition(), last.reason(), last.steps(), last.windowMillis(), readiness, last.dryRun());
    }

    private List<GateCheck.Result> cachedReadiness() {
        Direction next = nextDirection();
        CachedReadiness cached = cachedReadiness;
        long now = nanoTime.getAsLong();
        if (cached == null || cached.direction() != next
                || now - cached.evaluatedAtNanos() > READINESS_MAX_AGE.toNanos()) {
            cached = new CachedReadiness(next, readiness(next), now);
            cachedReadiness = cached;
        }
        return cached.results();
    }

    /** Runs the gate of {@code direction} and says what would happen; changes nothing. */
    public CutoverReport dryRun(Direction direction) {
        List<GateCheck.Result> readiness = readiness(direction);
        String opening = direction == Direction.CUTOVER ? "open PostgreSQL" : "open MySQL";
        List<StepRecord> plan = List.of("pre-freeze hook", "freeze", "fence", "drain", "verify", "sequences",
                "stop-replication", "arm way back", opening, "switch-app hook", "post-open hook").stream()
                .map(step -> new StepRecord(step, 0, "would run")).toList();
        String reason = refusal(readiness);
        return new CutoverReport(null, direction, null, clock.instant(), null, null,
                reason == null ? "ready: every gate check passes" : reason, plan, null, readiness, true);
    }

    /**
     * Runs one attempt in {@code direction} to its end on the calling thread and returns how it ended (COMPLETED or
     * ABORTED).
     *
     * @throws CutoverRefused when the gate refuses or an attempt is running; nothing was changed
     */
    public CutoverReport run(Direction direction, Consumer<StepRecord> onStep) throws Exception {
        if (!switching.tryLock(5, TimeUnit.SECONDS) || !running.compareAndSet(false, true)) {
            if (switching.isHeldByCurrentThread()) {
                switching.unlock();
            }
            throw new CutoverRefused("a cutover or failback is already running");
        }
        try {
            return attempt(direction, onStep);
        } finally {
            running.set(false);
            switching.unlock();
        }
    }

    public boolean isRunning() {
        return running.get();
    }

    /**
     * Runs {@code action} only while no attempt runs (and none starts until it returns) and {@code primary} is the
     * application's database: for guards that act on one side and must never race a switch that changes sides.
     * Returns whether it ran.
     */
    public boolean whileIdle(Primary primary, Runnable action) {
        if (!switching.tryLock()) {
            return false;
        }
        try {
            if (running.get() || this.primary != primary) {
                return false;
            }
            action.run();
            return true;
        } finally {
            switching.unlock();
        }
    }

    private CutoverReport attempt(Direction direction, Consumer<StepRecord> onStep) throws Exception {
        String wrongSide = wrongSide(direction);
        if (wrongSide != null) {
            throw new CutoverRefused(wrongSide);
        }
        Switch sw = switchOf(direction);
        List<GateCheck.Result> readiness = readiness(direction);
        String refusal = refusal(readiness);
        if (refusal != null) {
            LOG.warn("{} refused: {}", direction.label(), refusal);
            throw new CutoverRefused(refusal);
        }
        CutoverAttempt attempt = new CutoverAttempt(context(sw), newToken(direction), readiness, onStep);
        try {
            attempt.hook(HookConfig.Step.PRE_FREEZE);
        } catch (Exception e) {
            throw new CutoverRefused("the pre-freeze hook failed, so nothing was frozen: " + e.getMessage());
        }
        attempt.id = journal.begin(direction, attempt.token, clock.instant());
        attempt.publish(CutoverState.FREEZING);
        LOG.info("{} attempt {} starts; write-pause budget {} ms", direction.label(), attempt.id,
                sw.maxPause().toMillis());
        sw.heartbeat().pause();
        long frozenAt = nanoTime.getAsLong();
        long deadline = frozenAt + sw.maxPause().toNanos();
        try {
            attempt.step(CutoverState.FREEZING, CutoverState.FROZEN, "freeze", deadline, () -> {
                sw.source().freeze();
                return direction == Direction.CUTOVER ? "source read-only, application accounts locked"
                        : "application roles' writes revoked and their sessions ended";
            });
            attempt.step(CutoverState.FROZEN, CutoverState.FENCED, "fence", deadline, () -> {
                attempt.finalPosition = sw.source().writeFence(attempt.token);
                journal.note(attempt.id, attempt.finalPosition, null, null);
                return "token " + attempt.token + ", log end " + attempt.finalPosition;
            });
            attempt.step(CutoverState.FENCED, CutoverState.DRAINED, "drain", deadline,
                    () -> drain(sw, attempt, deadline));
            attempt.step(CutoverState.DRAINED, CutoverState.VERIFIED, "verify", deadline, () -> verify(sw, deadline));
            attempt.step(CutoverState.VERIFIED, CutoverState.SEQUENCES_SET, "sequences", deadline,
                    () -> sequences(sw.target().syncSequences()));
            attempt.step(CutoverState.SEQUENCES_SET, CutoverState.REPLICATION_STOPPED, "stop-replication", deadline,
                    () -> {
                        sw.leaving().pause();
                        attempt.leavingPaused = true;
                        return direction == Direction.CUTOVER ? "forward replication applies nothing more"
                                : "reverse replication applies nothing more";
                    });
            attempt.step(CutoverState.REPLICATION_STOPPED, CutoverState.WAY_BACK_ARMED, "arm way back", deadline,
                    () -> {
                        attempt.wayBackArmed = true;
                        return sw.wayBack().arm();
                    });
            attempt.open(deadline, frozenAt);
        } catch (Exception | Error e) {
            if (attempt.state == CutoverState.OPENING) {
                // Past the point of no return: the application may already write to the database it moves to.
                LOG.error("{} {} failed while opening; a restart finishes the opening", direction.label(),
                        attempt.id, e);
                attempt.reason = "opening failed: " + e.getMessage() + "; restart tandem to finish it";
                attempt.publish(attempt.state);
                return latest;
            }
            abort(sw, attempt, e);
            return latest;
        }
        primary = direction.primaryAfter();
        finish(sw, attempt, true);
        return latest;
    }

    private String drain(Switch sw, CutoverAttempt attempt, long deadline) throws Exception {
        if (!sw.target().awaitFence(attempt.token, remaining(deadline))) {
            throw new CutoverAbort("the fence token did not arrive within the write-pause budget (the drained"
                    + " replication is " + sw.leaving().state() + ")");
        }
        String after = sw.source().writtenAfterFence(attempt.finalPosition);
        if (after != null) {
            throw new CutoverAbort("written after the fence: " + after + "; an account the freeze does not stop is"
                    + " writing; see the gate's checks");
        }
        return "token applied; nothing written after it";
    }

    private String verify(Switch sw, long deadline) throws Exception {
        List<String> differences = sw.target().verifyChanged(remaining(deadline));
        if (!differences.isEmpty()) {
            throw new CutoverAbort("verification found " + differences.size() + " difference(s): "
                    + String.join("; ", differences.subList(0, Math.min(5, differences.size()))));
        }
        return "changed rows and row counts equal";
    }

    /** Each setting in the log; in the step's detail the count, or the few there are. */
    private static String sequences(List<String> settings) {
        settings.forEach(setting -> LOG.info("switch sequence {}", setting));
        return settings.size() <= 3 ? String.join("; ", settings)
                : settings.size() + " counters past their tables' largest values (each in the log)";
    }

    private Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - nanoTime.getAsLong()));
    }

    /** @param live false when a restart finishes the attempt: the daemon then starts replications itself */
    private void finish(Switch sw, CutoverAttempt attempt, boolean live) {
        if (live) {
            try {
                sw.afterCommit().run();
            } catch (RuntimeException e) {
                LOG.warn("after the {} committed, switching the replications over failed; the application's database"
                        + " is open regardless", sw.direction().label(), e);
            }
        }
        List<String> hookFailures = new ArrayList<>();
        for (HookConfig.Step point : List.of(HookConfig.Step.SWITCH_APP, HookConfig.Step.POST_OPEN)) {
            try {
                attempt.hook(point);
            } catch (Exception e) {
                hookFailures.add(point.configValue() + " hook failed: " + e.getMessage());
            }
        }
        String opened = sw.direction() == Direction.CUTOVER ? "PostgreSQL is open and MySQL read-only"
                : "MySQL is open and PostgreSQL closed to the application";
        String reason = hookFailures.isEmpty() ? null : String.join("; ", hookFailures) + ". " + opened
                + ": switch the application by hand";
        try {
            attempt.move(CutoverState.COMMITTED, CutoverState.COMPLETED, new StepRecord("hooks", 0,
                    reason == null ? "switch-app and post-open ran" : reason));
            if (reason != null) {
                journal.note(attempt.id, null, reason, null);
                LOG.error("{} {} committed, but {}", sw.direction().label(), attempt.id, reason);
            }
        } catch (Exception e) {
            LOG.error("{} {} is committed; recording its completion failed (a restart completes it)",
                    sw.direction().label(), attempt.id, e);
        }
        attempt.reason = reason;
        attempt.publish(CutoverState.COMPLETED);
        LOG.info("{} {} complete: write-unavailable window {} ms", sw.direction().label(), attempt.id,
                attempt.windowMillis == null ? "?" : String.format("%.1f", attempt.windowMillis));
    }

    /** A1: the database the application moves to closed, the one it leaves writable, replication resumed. */
    private void abort(Switch sw, CutoverAttempt attempt, Throwable cause) {
        String reason = cause instanceof CutoverAbort ? cause.getMessage()
                : "step failed: " + (cause.getMessage() != null ? cause.getMessage() : cause.toString());
        LOG.warn("{} {} aborts in {}: {}", sw.direction().label(), attempt.id, attempt.state, reason,
                cause instanceof CutoverAbort ? null : cause);
        attempt.reason = reason;
        try {
            attempt.move(attempt.state, CutoverState.ABORTING, new StepRecord("abort", 0, reason));
            rollBack(sw, attempt.leavingPaused, attempt.wayBackArmed);
            attempt.move(CutoverState.ABORTING, CutoverState.ABORTED, new StepRecord("rolled-back", 0,
                    "writable again where it was, replication resumed"));
            journal.note(attempt.id, null, reason, null);
        } catch (Exception e) {
            attempt.reason = reason + "; rolling back failed too (" + e.getMessage() + "): a restart retries it";
            LOG.error("{} {}: rolling back failed; the attempt stays {} and a restart retries",
                    sw.direction().label(), attempt.id, attempt.state, e);
        }
        attempt.publish(attempt.state);
    }

    private void rollBack(Switch sw, boolean leavingPaused, boolean wayBackArmed) throws Exception {
        sw.target().closeForApplication();
        if (wayBackArmed) {
            sw.wayBack().disarm();
        }
        sw.source().unfreeze();
        if (leavingPaused && sw.leaving().state() == PipelineState.PAUSED) {
            sw.leaving().resume();
        }
        sw.heartbeat().resume();
    }

    /**
     * Finishes what a crash interrupted, before any replication starts, and says which database is the
     * application's: an attempt short of its opening is rolled back (the database it moves to closed, the one it
     * leaves writable, the way back disarmed); one committed, or a failback caught while opening MySQL, gets its
     * opening finished and its hooks run.
     */
    public Primary recover() throws Exception {
        journal.createTable();
        var found = journal.latest();
        if (found.isEmpty()) {
            primary = Primary.MYSQL;
            return primary;
        }
        CutoverJournal.Attempt stored = found.get();
        Switch sw = stored.direction() == Direction.CUTOVER ? cutover : failback;
        if (sw == null) {
            throw new IllegalStateException("the journal's latest attempt is a failback (" + stored.id() + ", "
                    + stored.state() + "), but failback is not enabled; set failback.enabled: true to finish it");
        }
        CutoverAttempt attempt = resumed(sw, stored);
        primary = stored.primary();
        if (stored.state().isTerminal()) {
            attempt.publish(stored.state());
            return primary;
        }
        if (stored.state() == CutoverState.OPENING || stored.state() == CutoverState.COMMITTED) {
            LOG.warn("{} {} was {} when tandem stopped; finishing it", sw.direction().label(), stored.id(),
                    stored.state());
            if (stored.state() == CutoverState.OPENING) {
                sw.target().open(reopening(stored.id()));
                attempt.state = CutoverState.COMMITTED;
            }
            finish(sw, attempt, false);
            return primary;
        }
        String reason = "tandem stopped during " + stored.state() + "; rolled back on restart";
        LOG.warn("{} {}: {}", sw.direction().label(), stored.id(), reason);
        if (stored.state() != CutoverState.ABORTING) {
            attempt.move(stored.state(), CutoverState.ABORTING, new StepRecord("abort", 0, reason));
        }
        rollBack(sw, false, true);
        attempt.move(CutoverState.ABORTING, CutoverState.ABORTED, new StepRecord("rolled-back", 0,
                "writable again where it was; replication resumes from its stored position"));
        journal.note(stored.id(), null, stored.reason() != null ? stored.reason() : reason, null);
        attempt.reason = stored.reason() != null ? stored.reason() : reason;
        attempt.publish(CutoverState.ABORTED);
        return primary;
    }

    /** The opening as a restart finishes it: run the (idempotent) opening again, then record COMMITTED. */
    private Opening reopening(long attemptId) {
        return new Opening() {
            @Override
            public void commitWith(CutoverJournal.InTransaction grants) {
                throw new IllegalStateException("an opening in the journal's transaction is never left in OPENING");
            }

            @Override
            public void commitAround(Action open) throws Exception {
                open.run();
                journal.move(attemptId, CutoverState.OPENING, CutoverState.COMMITTED,
                        new StepRecord("open", 0, "finished on restart"), clock.instant());
            }
        };
    }

    private CutoverAttempt resumed(Switch sw, CutoverJournal.Attempt stored) {
        CutoverAttempt attempt = new CutoverAttempt(context(sw), stored.token(), List.of(), step -> { });
        attempt.id = stored.id();
        attempt.state = stored.state();
        attempt.finalPosition = stored.finalPosition();
        attempt.reason = stored.reason();
        attempt.windowMillis = stored.windowMillis();
        attempt.steps.addAll(StepsJson.parse(stored.stepsJson()));
        return attempt;
    }

    private Switch switchOf(Direction direction) {
        return direction == Direction.CUTOVER ? cutover : failback;
    }

    private CutoverAttempt.Context context(Switch sw) {
        return new CutoverAttempt.Context(sw.direction(), journal, sw.target(), hooks, sw.maxPause(), clock,
                nanoTime, report -> latest = report);
    }

    private static String refusal(List<GateCheck.Result> readiness) {
        List<String> failed = readiness.stream().filter(result -> !result.ok())
                .map(result -> result.name() + ": " + result.reason()).toList();
        return failed.isEmpty() ? null : "not ready: " + String.join("; ", failed);
    }

    private static String newToken(Direction direction) {
        byte[] bytes = new byte[12];
        TOKENS.nextBytes(bytes);
        return direction.label() + "-" + HexFormat.of().formatHex(bytes);
    }

    /** A failure the switch itself detected, with a reason fit for the operator as it is. */
    static final class CutoverAbort extends Exception {
        CutoverAbort(String message) {
            super(message);
        }
    }
}
