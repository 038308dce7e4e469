package io.tandem.cutover;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where one switch attempt stands (a cutover to PostgreSQL or a failback to MySQL, see {@link Direction}), persisted
 * in {@code tandem.cutover} before each step acts, so a restart knows what may have happened. Up to
 * {@link #WAY_BACK_ARMED} the application may only write to the database it leaves (or to nothing, while frozen),
 * and any failure rolls back. A cutover moves to {@link #COMMITTED} in the very transaction that grants the
 * application its writes on PostgreSQL; a failback cannot share a transaction with MySQL, so it records
 * {@link #OPENING} first and a restart that finds it there finishes the opening. Either way there is no instant at
 * which both databases take application writes.
 */
public enum CutoverState {
    /** About to freeze the database the application leaves. */
    FREEZING,
    /** The database the application leaves takes no application writes. */
    FROZEN,
    /** The fence token is written there, with the log end after it. */
    FENCED,
    /** The database the application moves to holds the token, and nothing was written after it. */
    DRAINED,
    /** What changed since the last verification is equal on both sides. */
    VERIFIED,
    /** Every identity, sequence or AUTO_INCREMENT counter is past its table's largest value. */
    SEQUENCES_SET,
    /** The direction the application leaves behind applies nothing more. */
    REPLICATION_STOPPED,
    /**
     * The way back is ready: after a cutover the reverse stream applies PostgreSQL's writes to MySQL; after a
     * failback forward replication resumes from MySQL's log end as it stands now.
     */
    WAY_BACK_ARMED,
    /** Failback only: MySQL is being opened to the application; a restart finishes this, never undoes it. */
    OPENING,
    /** The database the application moves to is open: the point of no return. */
    COMMITTED,
    /** The switch-app and post-open hooks ran. */
    COMPLETED,
    /** Undoing: the database the application moves to closed again, the one it leaves writable, replication resumed. */
    ABORTING,
    /** Rolled back; the application's database is the one it was before. */
    ABORTED;

    private static final Map<CutoverState, Set<CutoverState>> ALLOWED = Map.ofEntries(
            Map.entry(FREEZING, EnumSet.of(FROZEN, ABORTING)),
            Map.entry(FROZEN, EnumSet.of(FENCED, ABORTING)),
            Map.entry(FENCED, EnumSet.of(DRAINED, ABORTING)),
            Map.entry(DRAINED, EnumSet.of(VERIFIED, ABORTING)),
            Map.entry(VERIFIED, EnumSet.of(SEQUENCES_SET, ABORTING)),
            Map.entry(SEQUENCES_SET, EnumSet.of(REPLICATION_STOPPED, ABORTING)),
            Map.entry(REPLICATION_STOPPED, EnumSet.of(WAY_BACK_ARMED, ABORTING)),
            Map.entry(WAY_BACK_ARMED, EnumSet.of(COMMITTED, OPENING, ABORTING)),
            Map.entry(OPENING, EnumSet.of(COMMITTED)),
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

    /** The database the application moves to is (or is about to be, once the hooks ran) its database. */
    public boolean isCommitted() {
        return this == COMMITTED || this == COMPLETED;
    }

    /** A restart finding an attempt here rolls it back: nothing was opened yet. */
    public boolean rollsBackOnRestart() {
        return !isTerminal() && !isCommitted() && this != OPENING;
    }
}
