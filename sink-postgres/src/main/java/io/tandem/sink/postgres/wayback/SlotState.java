package io.tandem.sink.postgres.wayback;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where the reverse slot stands, as {@link ReverseSlot} knows it. While {@link Phase#CREATING} the blockers say
 * exactly what the creation waits for, so an operator can end or commit those transactions instead of guessing.
 *
 * @param since when this phase began
 * @param creatorPid the backend running the creation (CREATING only, once connected; else null)
 * @param blockers the open write transactions, refreshed while CREATING; empty otherwise
 * @param consistentPoint the slot's LSN when it became READY through this process; null when found existing
 * @param failure why creation failed (FAILED only)
 */
public record SlotState(Phase phase, Instant since, Integer creatorPid, List<SlotBlocker> blockers,
                        String consistentPoint, String failure) {

    /** The lifecycle; the allowed moves are listed per phase, not derived from declaration order. */
    public enum Phase {
        ABSENT, CREATING, READY, FAILED;

        private Set<Phase> next() {
            return switch (this) {
                // READY from ABSENT: the slot was found already there.
                case ABSENT -> EnumSet.of(CREATING, READY);
                // CREATING to itself: the blockers were refreshed. To ABSENT: cancelled.
                case CREATING -> EnumSet.of(CREATING, READY, FAILED, ABSENT);
                case READY -> EnumSet.of(ABSENT);
                case FAILED -> EnumSet.of(CREATING, READY, ABSENT);
            };
        }

        public boolean allows(Phase next) {
            return next().contains(next);
        }
    }

    public SlotState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(since, "since");
        blockers = List.copyOf(blockers);
    }

    static SlotState absent(Instant since) {
        return new SlotState(Phase.ABSENT, since, null, List.of(), null, null);
    }

    static SlotState creating(Instant since, Integer creatorPid, List<SlotBlocker> blockers) {
        return new SlotState(Phase.CREATING, since, creatorPid, blockers, null, null);
    }

    static SlotState ready(Instant since, String consistentPoint) {
        return new SlotState(Phase.READY, since, null, List.of(), consistentPoint, null);
    }

    static SlotState failed(Instant since, String failure) {
        return new SlotState(Phase.FAILED, since, null, List.of(), null, failure);
    }
}
