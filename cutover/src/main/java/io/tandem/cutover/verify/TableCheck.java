package io.tandem.cutover.verify;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.snapshot.CopiedRows;
import io.tandem.connectors.mysql.snapshot.SnapshotSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What comparing one table needs from the pass: the source connection and its snapshots, the target session, the
 * wait for the target, the chunk size and rounds, and the pace (throttle and progress).
 */
final class TableCheck {

    /** Keys per source query when rows are read by key: one statement stays small, round trips stay few. */
    private static final int KEYS_PER_QUERY = 1000;

    private final String table;
    private final Connection source;
    private final ServerInfo server;
    private final TargetSession target;
    private final TargetCatchUp catchUp;
    private final int chunkRows;
    private final int recheckRounds;
    private final Pace pace;
    private final boolean settled;

    /**
     * @param settled whether both sides hold still (the cutover's pause: the source frozen, the target drained up to
     *     the fence): then the source is read without a snapshot, the target is not waited for, and one round is
     *     exact, so no recheck runs
     */
    TableCheck(String table, Connection source, ServerInfo server, TargetSession target, TargetCatchUp catchUp,
               int chunkRows, int recheckRounds, Pace pace, boolean settled) {
        this.table = table;
        this.source = source;
        this.server = server;
        this.target = target;
        this.catchUp = catchUp;
        this.chunkRows = chunkRows;
        this.recheckRounds = recheckRounds;
        this.pace = pace;
        this.settled = settled;
    }

    String table() {
        return table;
    }

    Connection source() {
        return source;
    }

    TargetSession target() {
        return target;
    }

    int chunkRows() {
        return chunkRows;
    }

    int recheckRounds() {
        return settled ? 0 : recheckRounds;
    }

    boolean settled() {
        return settled;
    }

    /**
     * Starts a consistent snapshot on the source connection; returns the binlog position it sees up to. Settled:
     * nothing to start (a frozen source needs no snapshot, and on MySQL one would take FLUSH TABLES WITH READ LOCK);
     * returns null.
     */
    BinlogPosition beginSnapshot() throws SQLException {
        return settled ? null
                : BinlogPosition.of(CopiedRows.beginSnapshot(source, server, SnapshotSettings.DEFAULT_LOCK_WAIT));
    }

    void endSnapshot() throws SQLException {
        if (!settled) {
            CopiedRows.endSnapshot(source);
        }
    }

    /**
     * Stages on the target the source rows of {@code keys}, read in one consistent snapshot, 1,000 keys a query
     * (rows a policy dead-letters are left out), and returns the snapshot's position (null when settled). A failure
     * cancels the stage and rolls the target session back.
     */
    BinlogPosition stageSourceRows(CompareSql sql, CopiedRows rows, List<String[]> keys)
            throws SQLException {
        StageCopy stage = target().beginStage(sql);
        try {
            BinlogPosition position = beginSnapshot();
            for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
                rows.readKeys(source, keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY)),
                        (values, raw) -> {
                            if (values != null) {
                                stage.row(values);
                            }
                        });
            }
            endSnapshot();
            stage.finish();
            return position;
        } catch (SQLException | RuntimeException e) {
            stage.cancel(e);
            target().rollbackQuietly(e);
            throw e;
        }
    }

    /** Waits until the target holds what the snapshot at {@code position} sees; settled: it already does. */
    void awaitTarget(BinlogPosition position) throws SQLException, InterruptedException {
        if (!settled) {
            catchUp.await(position, source);
        }
    }

    /** Rows compared by a first run of a chunk (rechecks are not counted twice); may pause to keep the throttle. */
    void compared(long rows) throws InterruptedException {
        pace.compared(table, rows);
    }
}
