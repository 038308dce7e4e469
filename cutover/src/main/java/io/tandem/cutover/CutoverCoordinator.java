package io.tandem.cutover;

import io.tandem.engine.config.HookConfig;
import io.tandem.engine.pipeline.PipelineState;
import io.tandem.engine.pipeline.ReplicationHandle;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switchover from MySQL to PostgreSQL ({@code CUTOVER.md} §7, C0–C8 and A1), one attempt at a time:
 * <ol>
 * <li>gate: every {@link GateCheck} passes, else refuse with the reasons and change nothing;</li>
 * <li>freeze the source, bounded by a short lock wait;</li>
 * <li>fence: a token through the binlog, and the log end just after it;</li>
 * <li>drain: PostgreSQL holds the token, and the source log did not move past the fence;</li>
 * <li>verify what changed since the last pass;</li>
 * <li>set identities and sequences past every table's largest value;</li>
 * <li>stop forward replication applying;</li>
 * <li>open PostgreSQL: the grants and the move to COMMITTED in one transaction;</li>
 * <li>hooks switch-app and post-open.</li>
 * </ol>
 * Every step before the opening runs against the write-pause budget {@code cutover.max-pause}: a failure or the
 * budget running out aborts, which makes the source writable again and resumes forward replication from where it
 * stood, so nothing is lost. Each move is persisted first ({@link CutoverJournal}), and {@link #recover()} finishes
 * or rolls back an attempt a crash interrupted.
 */
public final class CutoverCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(CutoverCoordinator.class);
    private static final SecureRandom TOKENS = new SecureRandom();

    private final CutoverJournal journal;
    private final SourceSide source;
    private final TargetSide target;
    private final ReplicationHandle forward;
    private final Pausable heartbeat;
    private final Hooks hooks;
    private final List<GateCheck> gate;
    private final Duration maxPause;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile CutoverReport latest;
    /** The gate as last evaluated for the status, which the status page asks for every second. */
    private volatile CachedReadiness cachedReadiness;

    private record CachedReadiness(List<GateCheck.Result> results, long evaluatedAtNanos) {
    }

    /** How long a readiness evaluated for the status is shown before it is evaluated again. */
    private static final Duration READINESS_MAX_AGE = Duration.ofSeconds(2);

    public CutoverCoordinator(CutoverJournal journal, SourceSide source, TargetSide target, ReplicationHandle forward,
                              Pausable heartbeat, Hooks hooks, List<GateCheck> gate, Duration maxPause, Clock clock,
                              LongSupplier nanoTime) {
        this.journal = journal;
        this.source = source;
        this.target = target;
        this.forward = forward;
        this.heartbeat = heartbeat;
        this.hooks = hooks;
        this.gate = List.copyOf(gate);
        this.maxPause = maxPause;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** Every gate check, evaluated now. */
    public List<GateCheck.Result> readiness() {
        List<GateCheck.Result> results = new ArrayList<>();
        for (GateCheck check : gate) {
            try {
                results.add(check.evaluate());
            } catch (RuntimeException e) {
                LOG.warn("cutover gate check failed to evaluate", e);
                results.add(GateCheck.Result.fail("check", "could not be evaluated: " + e.getMessage()));
            }
        }
        return results;
    }

    /**
     * The latest attempt as last seen by this process, with the readiness as evaluated at most two seconds ago
     * (each check queries a database; the status page polls every second).
     */
    public CutoverReport status() {
        CutoverReport last = latest;
        List<GateCheck.Result> readiness;
        if (last != null && last.state() != null && last.state().isCommitted()) {
            readiness = List.of(GateCheck.Result.fail("cutover", "already cut over: PostgreSQL is the application's"
                    + " database since attempt " + last.attempt()));
        } else if (running.get() && last != null) {
            readiness = last.readiness();
        } else {
            readiness = cachedReadiness();
        }
        if (last == null) {
            return new CutoverReport(null, null, null, null, null, null, List.of(), null, readiness, false);
        }
        return new CutoverReport(last.attempt(), last.state(), last.startedAt(), last.token(), last.finalPosition(),
                last.reason(), last.steps(), last.windowMillis(), readiness, last.dryRun());
    }

    private List<GateCheck.Result> cachedReadiness() {
        CachedReadiness cached = cachedReadiness;
        long now = nanoTime.getAsLong();
        if (cached == null || now - cached.evaluatedAtNanos() > READINESS_MAX_AGE.toNanos()) {
            cached = new CachedReadiness(readiness(), now);
            cachedReadiness = cached;
        }
        return cached.results();
    }

    /** Runs the gate and says what would happen; changes nothing. */
    public CutoverReport dryRun() {
        List<GateCheck.Result> readiness = readiness();
        List<StepRecord> plan = List.of("pre-freeze hook", "freeze", "fence", "drain", "verify", "sequences",
                "stop-forward", "open", "switch-app hook", "post-open hook").stream()
                .map(step -> new StepRecord(step, 0, "would run")).toList();
        String reason = refusal(readiness);
        return new CutoverReport(null, null, clock.instant(), null, null,
                reason == null ? "ready: every gate check passes" : reason, plan, null, readiness, true);
    }

    /**
     * Runs one attempt to its end on the calling thread and returns how it ended (COMPLETED or ABORTED).
     *
     * @throws CutoverRefused when the gate refuses or an attempt is running; nothing was changed
     */
    public CutoverReport run(Consumer<StepRecord> onStep) throws Exception {
        if (!running.compareAndSet(false, true)) {
            throw new CutoverRefused("a cutover is already running");
        }
        try {
            return attempt(onStep);
        } finally {
            running.set(false);
        }
    }

    public boolean isRunning() {
        return running.get();
    }

    private CutoverReport attempt(Consumer<StepRecord> onStep) throws Exception {
        CutoverReport last = latest;
        if (last != null && last.state() != null && last.state().isCommitted()) {
            throw new CutoverRefused("already cut over: PostgreSQL is the application's database since attempt "
                    + last.attempt() + " (failing back is a later step)");
        }
        List<GateCheck.Result> readiness = readiness();
        String refusal = refusal(readiness);
        if (refusal != null) {
            LOG.warn("cutover refused: {}", refusal);
            throw new CutoverRefused(refusal);
        }
        CutoverAttempt attempt = new CutoverAttempt(context(), newToken(), readiness, onStep);
        try {
            attempt.hook(HookConfig.Step.PRE_FREEZE);
        } catch (Exception e) {
            throw new CutoverRefused("the pre-freeze hook failed, so nothing was frozen: " + e.getMessage());
        }
        attempt.id = journal.begin(attempt.token, clock.instant());
        attempt.publish(CutoverState.FREEZING);
        LOG.info("cutover attempt {} starts; write-pause budget {} ms", attempt.id, maxPause.toMillis());
        heartbeat.pause();
        long frozenAt = nanoTime.getAsLong();
        long deadline = frozenAt + maxPause.toNanos();
        try {
            attempt.step(CutoverState.FREEZING, CutoverState.FROZEN, "freeze", deadline, () -> {
                source.freeze();
                return "source read-only, application accounts locked";
            });
            attempt.step(CutoverState.FROZEN, CutoverState.FENCED, "fence", deadline, () -> {
                attempt.finalPosition = source.writeFence(attempt.token);
                journal.note(attempt.id, attempt.finalPosition, null, null);
                return "token " + attempt.token + ", source log end " + attempt.finalPosition;
            });
            attempt.step(CutoverState.FENCED, CutoverState.DRAINED, "drain", deadline, () -> drain(attempt, deadline));
            attempt.step(CutoverState.DRAINED, CutoverState.VERIFIED, "verify", deadline, () -> verify(deadline));
            attempt.step(CutoverState.VERIFIED, CutoverState.SEQUENCES_SET, "sequences", deadline,
                    () -> sequences(target.syncSequences()));
            attempt.step(CutoverState.SEQUENCES_SET, CutoverState.FORWARD_STOPPED, "stop-forward", deadline, () -> {
                forward.pause();
                attempt.forwardPaused = true;
                return "forward replication applies nothing more";
            });
            attempt.open(deadline, frozenAt);
        } catch (Exception | Error e) {
            abort(attempt, e);
            return latest;
        }
        finish(attempt);
        return latest;
    }

    private String drain(CutoverAttempt attempt, long deadline) throws Exception {
        if (!target.awaitFence(attempt.token, remaining(deadline))) {
            throw new CutoverAbort("PostgreSQL did not receive the fence token within the write-pause budget "
                    + "(forward replication is " + forward.state() + ")");
        }
        String end = source.logEnd();
        if (!end.equals(attempt.finalPosition)) {
            throw new CutoverAbort("the source was written after the fence (log end " + attempt.finalPosition
                    + " moved to " + end + "): an account that read_only does not stop is writing; see the gate's "
                    + "bypass check");
        }
        return "token applied; nothing written on the source after it";
    }

    private String verify(long deadline) throws Exception {
        List<String> differences = target.verifyChanged(remaining(deadline));
        if (!differences.isEmpty()) {
            throw new CutoverAbort("verification found " + differences.size() + " difference(s): "
                    + String.join("; ", differences.subList(0, Math.min(5, differences.size()))));
        }
        return "changed rows and row counts equal";
    }

    /** Each sequence in the log; in the step's detail the count, or the few there are. */
    private static String sequences(List<String> settings) {
        settings.forEach(setting -> LOG.info("cutover sequence {}", setting));
        return settings.size() <= 3 ? String.join("; ", settings)
                : settings.size() + " identities and sequences past their tables' largest values (each in the log)";
    }

    private Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - nanoTime.getAsLong()));
    }

    private void finish(CutoverAttempt attempt) {
        try {
            forward.stop();
        } catch (RuntimeException e) {
            LOG.warn("stopping forward replication after the cutover failed; PostgreSQL is open regardless", e);
        }
        List<String> hookFailures = new ArrayList<>();
        for (HookConfig.Step point : List.of(HookConfig.Step.SWITCH_APP, HookConfig.Step.POST_OPEN)) {
            try {
                attempt.hook(point);
            } catch (Exception e) {
                hookFailures.add(point.configValue() + " hook failed: " + e.getMessage());
            }
        }
        String reason = hookFailures.isEmpty() ? null : String.join("; ", hookFailures)
                + ". PostgreSQL is open and MySQL read-only: switch the application by hand";
        try {
            attempt.move(CutoverState.COMMITTED, CutoverState.COMPLETED, new StepRecord("hooks", 0,
                    reason == null ? "switch-app and post-open ran" : reason));
            if (reason != null) {
                journal.note(attempt.id, null, reason, null);
                LOG.error("cutover {} committed, but {}", attempt.id, reason);
            }
        } catch (Exception e) {
            LOG.error("cutover {} is committed; recording its completion failed (a restart completes it)",
                    attempt.id, e);
        }
        attempt.reason = reason;
        attempt.publish(CutoverState.COMPLETED);
        LOG.info("cutover {} complete: write-unavailable window {} ms", attempt.id,
                String.format("%.1f", attempt.windowMillis));
    }

    /** A1: PostgreSQL closed, the source writable, forward replication resumed. */
    private void abort(CutoverAttempt attempt, Throwable cause) {
        String reason = cause instanceof CutoverAbort ? cause.getMessage()
                : "step failed: " + (cause.getMessage() != null ? cause.getMessage() : cause.toString());
        LOG.warn("cutover {} aborts in {}: {}", attempt.id, attempt.state, reason, cause instanceof CutoverAbort
                ? null : cause);
        attempt.reason = reason;
        try {
            attempt.move(attempt.state, CutoverState.ABORTING, new StepRecord("abort", 0, reason));
            rollBack(attempt.forwardPaused);
            attempt.move(CutoverState.ABORTING, CutoverState.ABORTED, new StepRecord("rolled-back", 0,
                    "source writable, forward replication resumed"));
            journal.note(attempt.id, null, reason, null);
        } catch (Exception e) {
            attempt.reason = reason + "; rolling back failed too (" + e.getMessage() + "): a restart retries it";
            LOG.error("cutover {}: rolling back failed; the attempt stays {} and a restart retries", attempt.id,
                    attempt.state, e);
        }
        attempt.publish(attempt.state);
    }

    private void rollBack(boolean forwardPaused) throws Exception {
        target.closeForApplication();
        source.unfreeze();
        if (forwardPaused && forward.state() == PipelineState.PAUSED) {
            forward.resume();
        }
        heartbeat.resume();
    }

    /** What a restart found, and so whether forward replication may start. */
    public enum Recovery {
        /** No attempt, or the last one ended: replicate forward as usual (after ABORTED) or not at all. */
        NOTHING_TO_DO,
        /** An interrupted attempt was rolled back: the source is writable, forward replication starts. */
        ROLLED_BACK,
        /** PostgreSQL is the application's database: forward replication must not start. */
        CUT_OVER
    }

    /**
     * Finishes what a crash interrupted, before forward replication starts: an attempt short of COMMITTED is rolled
     * back (PostgreSQL closed, the source writable: forward replication then resumes from its stored position); a
     * COMMITTED one gets its hooks run and completes.
     */
    public Recovery recover() throws Exception {
        journal.createTable();
        var found = journal.latest();
        if (found.isEmpty()) {
            return Recovery.NOTHING_TO_DO;
        }
        CutoverJournal.Attempt stored = found.get();
        CutoverAttempt attempt = resumed(stored);
        if (stored.state() == CutoverState.COMPLETED) {
            attempt.publish(stored.state());
            return Recovery.CUT_OVER;
        }
        if (stored.state() == CutoverState.ABORTED) {
            attempt.publish(stored.state());
            return Recovery.NOTHING_TO_DO;
        }
        if (stored.state() == CutoverState.COMMITTED) {
            LOG.warn("cutover {} was committed when tandem stopped; running its remaining hooks", stored.id());
            finish(attempt);
            return Recovery.CUT_OVER;
        }
        String reason = "tandem stopped during " + stored.state() + "; rolled back on restart";
        LOG.warn("cutover {}: {}", stored.id(), reason);
        if (stored.state() != CutoverState.ABORTING) {
            attempt.move(stored.state(), CutoverState.ABORTING, new StepRecord("abort", 0, reason));
        }
        rollBack(false);
        attempt.move(CutoverState.ABORTING, CutoverState.ABORTED, new StepRecord("rolled-back", 0,
                "source writable; forward replication resumes from its stored position"));
        journal.note(stored.id(), null, stored.reason() != null ? stored.reason() : reason, null);
        attempt.reason = stored.reason() != null ? stored.reason() : reason;
        attempt.publish(CutoverState.ABORTED);
        return Recovery.ROLLED_BACK;
    }

    private CutoverAttempt resumed(CutoverJournal.Attempt stored) {
        CutoverAttempt attempt = new CutoverAttempt(context(), stored.token(), List.of(), step -> { });
        attempt.id = stored.id();
        attempt.state = stored.state();
        attempt.finalPosition = stored.finalPosition();
        attempt.reason = stored.reason();
        attempt.windowMillis = stored.windowMillis();
        attempt.steps.addAll(StepsJson.parse(stored.stepsJson()));
        return attempt;
    }

    private CutoverAttempt.Context context() {
        return new CutoverAttempt.Context(journal, target, hooks, maxPause, clock, nanoTime,
                report -> latest = report);
    }

    private static String refusal(List<GateCheck.Result> readiness) {
        List<String> failed = readiness.stream().filter(result -> !result.ok())
                .map(result -> result.name() + ": " + result.reason()).toList();
        return failed.isEmpty() ? null : "not ready: " + String.join("; ", failed);
    }

    private static String newToken() {
        byte[] bytes = new byte[12];
        TOKENS.nextBytes(bytes);
        return "cutover-" + HexFormat.of().formatHex(bytes);
    }

    /** A failure the cutover itself detected, with a reason fit for the operator as it is. */
    static final class CutoverAbort extends Exception {
        CutoverAbort(String message) {
            super(message);
        }
    }

}
