package io.tandem.cutover;

import io.tandem.engine.config.HookConfig;
import io.tandem.engine.pipeline.Failpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt's progress, as the coordinator drives it: each step timed against the budget, each move persisted in
 * the journal before it is reported, and the report published after every move. Only the thread running the
 * attempt writes to it.
 */
final class CutoverAttempt {

    private static final Logger LOG = LoggerFactory.getLogger(CutoverCoordinator.class);
    /**
     * {@code cutover-before-<state>} and {@code failback-before-<state>}: a crash test kills the daemon after a step
     * acted and before its move was persisted, the worst moment for a restart to guess from.
     */
    private static final Map<Direction, Map<CutoverState, Failpoint>> BEFORE = new EnumMap<>(Direction.class);

    static {
        for (Direction direction : Direction.values()) {
            Map<CutoverState, Failpoint> points = new EnumMap<>(CutoverState.class);
            for (CutoverState state : CutoverState.values()) {
                points.put(state, Failpoint.named(direction.label() + "-before-"
                        + state.name().toLowerCase(Locale.ROOT)));
            }
            BEFORE.put(direction, points);
        }
    }

    /** What every attempt in one direction shares. */
    record Context(Direction direction, CutoverJournal journal, TargetSide target, Hooks hooks, Duration maxPause,
                   Clock clock, LongSupplier nanoTime, Consumer<CutoverReport> publisher) {
    }

    /** A step's work; returns what it found, for the report. */
    @FunctionalInterface
    interface StepAction {
        String run() throws Exception;
    }

    private final Context context;

    final String token;
    final List<GateCheck.Result> readiness;
    final Consumer<StepRecord> onStep;
    final List<StepRecord> steps = new ArrayList<>();
    final Instant startedAt;
    long id;
    CutoverState state = CutoverState.FREEZING;
    String finalPosition;
    String reason;
    Double windowMillis;
    /** The direction the application leaves was paused by this attempt, so an abort resumes it. */
    boolean leavingPaused;
    /** The way back was armed by this attempt, so an abort disarms it. */
    boolean wayBackArmed;

    CutoverAttempt(Context context, String token, List<GateCheck.Result> readiness, Consumer<StepRecord> onStep) {
        this.context = context;
        this.token = token;
        this.readiness = readiness;
        this.onStep = onStep;
        this.startedAt = context.clock().instant();
    }

    void step(CutoverState from, CutoverState to, String name, long deadline, StepAction action)
            throws Exception {
        requireBudget(deadline, name);
        long started = context.nanoTime().getAsLong();
        String detail = action.run();
        move(from, to, new StepRecord(name, millisSince(started), detail));
    }

    /** Opens the database the application moves to, recorded as COMMITTED; the window ends here. */
    void open(long deadline, long frozenAt) throws Exception {
        requireBudget(deadline, "open");
        long started = context.nanoTime().getAsLong();
        context.target().open(new Opening() {
            @Override
            public void commitWith(CutoverJournal.InTransaction grants) throws Exception {
                StepRecord record = new StepRecord("open", millisSince(started), "application granted writes");
                before(CutoverState.COMMITTED).reach();
                context.journal().commitWith(id, CutoverState.WAY_BACK_ARMED, record, context.clock().instant(),
                        grants);
                steps.add(record);
            }

            @Override
            public void commitAround(Action open) throws Exception {
                move(CutoverState.WAY_BACK_ARMED, CutoverState.OPENING, new StepRecord("opening",
                        millisSince(started), "about to open to the application"));
                open.run();
                StepRecord record = new StepRecord("open", millisSince(started), "application granted writes");
                before(CutoverState.COMMITTED).reach();
                context.journal().move(id, CutoverState.OPENING, CutoverState.COMMITTED, record,
                        context.clock().instant());
                steps.add(record);
            }
        });
        windowMillis = millisSince(frozenAt);
        StepRecord opened = new StepRecord("open", millisSince(started), "application granted writes;"
                + " write-unavailable window " + String.format("%.1f", windowMillis) + " ms");
        steps.set(steps.size() - 1, opened);
        state = CutoverState.COMMITTED;
        onStep.accept(opened);
        context.journal().replaceLastStep(id, opened);
        context.journal().note(id, null, null, windowMillis);
        publish(CutoverState.COMMITTED);
    }

    void hook(HookConfig.Step point) throws Exception {
        long started = context.nanoTime().getAsLong();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("TANDEM_DIRECTION", context.direction().label());
        facts.put("TANDEM_CUTOVER_ATTEMPT", id == 0 ? "" : Long.toString(id));
        facts.put("TANDEM_CUTOVER_TOKEN", token);
        facts.put("TANDEM_SOURCE_FINAL_POSITION", finalPosition == null ? "" : finalPosition);
        context.hooks().run(point, facts);
        StepRecord record = new StepRecord(point.configValue() + " hook", millisSince(started), "ran");
        steps.add(record);
        onStep.accept(record);
    }

    void move(CutoverState from, CutoverState to, StepRecord record) throws Exception {
        before(to).reach();
        context.journal().move(id, from, to, record, context.clock().instant());
        state = to;
        steps.add(record);
        LOG.info("{} {}: {} -> {} ({} in {} ms: {})", context.direction().label(), id, from, to, record.name(),
                String.format("%.1f", record.millis()), record.detail());
        onStep.accept(record);
        publish(to);
    }

    private Failpoint before(CutoverState state) {
        return BEFORE.get(context.direction()).get(state);
    }

    void publish(CutoverState now) {
        context.publisher().accept(new CutoverReport(id == 0 ? null : id, context.direction(), now, startedAt, token,
                finalPosition, reason, steps, windowMillis, readiness, false));
    }

    private void requireBudget(long deadline, String next) throws CutoverCoordinator.CutoverAbort {
        if (context.nanoTime().getAsLong() >= deadline) {
            throw new CutoverCoordinator.CutoverAbort("the write-pause budget " + context.direction().label()
                    + ".max-pause (" + context.maxPause().toMillis() + " ms) ran out before " + next);
        }
    }

    private double millisSince(long started) {
        return (context.nanoTime().getAsLong() - started) / 1e6;
    }
}
