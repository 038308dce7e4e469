package io.tandem.cutover;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where one cutover attempt stands, persisted in {@code tandem.cutover} before each step acts (so a restart knows
 * what may have happened). Up to {@link #FORWARD_STOPPED} the application may only write to MySQL (or to nothing,
 * while frozen), and any failure rolls back; {@link #COMMITTED} is written in the very transaction that grants the
 * application its writes on PostgreSQL, so there is no instant at which both databases take application writes.
 */
public enum CutoverState {
    /** About to set the source read-only and lock the application's accounts. */
    FREEZING,
    /** The source takes no application writes. */
    FROZEN,
    /** The fence token is on the source, with the final position after it. */
    FENCED,
    /** PostgreSQL holds the token and nothing was written on the source after it. */
    DRAINED,
    /** What changed since the last verification pass is equal on both sides. */
    VERIFIED,
    /** Every identity and sequence on PostgreSQL is past its table's largest value. */
    SEQUENCES_SET,
    /** Forward replication applies nothing more. */
    FORWARD_STOPPED,
    /** PostgreSQL is open to the application: the point of no return. */
    COMMITTED,
    /** The switch-app and post-open hooks ran. */
    COMPLETED,
    /** Undoing: PostgreSQL closed again, the source writable, forward replication resumed. */
    ABORTING,
    /** Rolled back; MySQL is the application's database as before. */
    ABORTED;

    private static final Map<CutoverState, Set<CutoverState>> ALLOWED = Map.ofEntries(
            Map.entry(FREEZING, EnumSet.of(FROZEN, ABORTING)),
            Map.entry(FROZEN, EnumSet.of(FENCED, ABORTING)),
            Map.entry(FENCED, EnumSet.of(DRAINED, ABORTING)),
            Map.entry(DRAINED, EnumSet.of(VERIFIED, ABORTING)),
            Map.entry(VERIFIED, EnumSet.of(SEQUENCES_SET, ABORTING)),
            Map.entry(SEQUENCES_SET, EnumSet.of(FORWARD_STOPPED, ABORTING)),
            Map.entry(FORWARD_STOPPED, EnumSet.of(COMMITTED, ABORTING)),
            Map.entry(COMMITTED, EnumSet.of(COMPLETED)),
            Map.entry(COMPLETED, EnumSet.noneOf(CutoverState.class)),
            Map.entry(ABORTING, EnumSet.of(ABORTED)),
            Map.entry(ABORTED, EnumSet.noneOf(CutoverState.class)));

    public boolean canMoveTo(CutoverState next) {
        return ALLOWED.get(this).contains(next);
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == ABORTED;
    }

    /** PostgreSQL is (or is about to be, once the hooks ran) the application's database. */
    public boolean isCommitted() {
        return this == COMMITTED || this == COMPLETED;
    }

    /** A restart finding an attempt here rolls it back: nothing was opened on PostgreSQL yet. */
    public boolean rollsBackOnRestart() {
        return !isTerminal() && !isCommitted();
    }
}
