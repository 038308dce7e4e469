package io.tandem.cutover;

import java.time.Instant;
import java.util.List;

/**
 * What an operator sees of the latest attempt, cutover or failback: in {@code /status}, the CLI, the log and the
 * status page.
 *
 * @param direction the latest attempt's; without an attempt, the switch the readiness is about
 * @param state null when no attempt was made yet (only readiness is known)
 * @param windowMillis the write-unavailable window, from the freeze to the other database opening; null unless
 *     committed
 * @param readiness the gate of the next possible switch, as last evaluated
 */
public record CutoverReport(Long attempt, Direction direction, CutoverState state, Instant startedAt, String token,
                            String finalPosition, String reason, List<StepRecord> steps, Double windowMillis,
                            List<GateCheck.Result> readiness, boolean dryRun) {

    public CutoverReport {
        steps = List.copyOf(steps);
        readiness = List.copyOf(readiness);
    }

    public boolean ready() {
        return readiness.stream().allMatch(GateCheck.Result::ok);
    }
}
