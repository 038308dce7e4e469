package io.tandem.cutover.verify;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.sink.StateStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until the target holds everything a source snapshot sees: the position committed in {@code tandem.offsets}
 * (read through the sink's state store) is at or past the snapshot's position, or nothing replicated was logged
 * between the two ({@link BinlogScan}). Only then are the snapshot's rows compared, so a target that is merely
 * behind is never reported as different.
 */
final class TargetCatchUp {

    /** Offset keys of a position the stream has not applied anything at yet (the first stream start). */
    private static final Set<String> START_KEYS = Set.of(BinlogPosition.FILE, BinlogPosition.POS, BinlogPosition.GTIDS);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final StateStore state;
    private final Map<String, String> partition;
    private final BinlogScan scan;
    private final Duration timeout;
    /** The highest source position known to be applied; later chunks below it need no check. */
    private BinlogPosition reached;

    TargetCatchUp(StateStore state, Map<String, String> partition, BinlogScan scan, Duration timeout) {
        this.state = state;
        this.partition = Map.copyOf(partition);
        this.scan = scan;
        this.timeout = timeout;
    }

    /**
     * @param source a source connection outside any snapshot, for reading the binlog
     * @throws TargetBehindException when the target does not get there within the timeout
     */
    void await(BinlogPosition position, Connection source) throws SQLException, InterruptedException {
        if (reached != null && !reached.isBefore(position)) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        BinlogPosition committed = null;
        while (true) {
            Map<String, Object> offset = committedOffset();
            committed = BinlogPosition.of(offset);
            boolean applied = !START_KEYS.containsAll(offset.keySet());
            if (!committed.isBefore(position) || scan.quietBetween(source, committed, applied, position)) {
                reached = position;
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TargetBehindException("the target has committed source position " + committed
                        + " but the rows compared are at " + position + ", and it did not get there within "
                        + timeout.toSeconds() + " s (verify.catch-up-timeout): is replication running? Start it with"
                        + " `tandem run` (or check the daemon's /status for an error), then verify again");
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException("verification stopped while waiting for the target");
            }
        }
    }

    private Map<String, Object> committedOffset() {
        Optional<Map<String, Object>> offset = state.committedOffset(partition);
        if (offset.isEmpty()) {
            throw new TargetBehindException("the target has no committed position for " + partition
                    + " in tandem.offsets: replication into this target has not started under this `name`;"
                    + " start it with `tandem run` (and check that `name` matches the running instance)");
        }
        return offset.get();
    }
}
