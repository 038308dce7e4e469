package io.tandem.engine.status;

import io.tandem.engine.metrics.Rate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-table and overall progress of the initial snapshot, updated by the copier threads. One lock guards all of
 * it: copiers report once per chunk of rows, so contention is negligible next to the database round trips, and
 * readers always see the tables and the totals agree.
 */
public final class SnapshotProgressTracker {

    private static final int RATE_WINDOW_SECONDS = 10;

    private final Clock clock;
    private final Map<String, TableCopy> tables = new LinkedHashMap<>();
    private final Rate overallRate;

    public SnapshotProgressTracker(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.overallRate = new Rate(clock, RATE_WINDOW_SECONDS);
    }

    /** Forgets the tables of an earlier run: forward replication starts again (after a failback). */
    public synchronized void newRun() {
        tables.clear();
    }

    /** Forgets one table's copy: it is copied again (a resync, or a retry of one). */
    public synchronized void forget(String table) {
        tables.remove(table);
    }

    /** Announces a table that will be copied, so "3/16 tables" knows the 16 before copiers reach it. */
    public synchronized void pending(String table, long estimatedRows) {
        TableCopy copy = announce(table);
        copy.expect(TableState.PENDING, "announce");
        copy.rowsEstimated = Math.max(0, estimatedRows);
    }

    /** A copier took the table; {@code estimatedRows} (from table statistics) replaces any earlier estimate. */
    public synchronized void started(String table, long estimatedRows) {
        TableCopy copy = announce(table);
        copy.expect(TableState.PENDING, "start");
        copy.rowsEstimated = Math.max(0, estimatedRows);
        copy.state = TableState.COPYING;
    }

    public synchronized void rowsCopied(String table, long n) {
        TableCopy copy = existing(table, "rowsCopied");
        copy.expect(TableState.COPYING, "count rows of");
        copy.rowsDone += n;
        copy.rate.mark(n);
        overallRate.mark(n);
    }

    /** The estimate is replaced by the actual count, so the overall total sharpens as tables finish. */
    public synchronized void finished(String table) {
        TableCopy copy = existing(table, "finished");
        copy.expect(TableState.COPYING, "finish");
        copy.state = TableState.COPIED;
        copy.rowsEstimated = copy.rowsDone;
    }

    /** Called when the pipeline switches from snapshot to binlog streaming. */
    public synchronized void streamingStarted() {
        for (TableCopy copy : tables.values()) {
            if (copy.state == TableState.COPIED) {
                copy.state = TableState.STREAMING;
            }
        }
    }

    /** Every table in the order it was announced. */
    public synchronized List<TableProgress> tables() {
        List<TableProgress> progress = new ArrayList<>(tables.size());
        for (TableCopy copy : tables.values()) {
            progress.add(copy.progress());
        }
        return progress;
    }

    public synchronized SnapshotProgress overall() {
        int done = 0;
        long rowsDone = 0;
        long rowsEstimated = 0;
        for (TableCopy copy : tables.values()) {
            done += copy.isFinished() ? 1 : 0;
            rowsDone += copy.rowsDone;
            rowsEstimated += Math.max(copy.rowsDone, copy.rowsEstimated);
        }
        double rate = overallRate.perSecond();
        Duration eta = done == tables.size() ? Duration.ZERO : eta(rowsEstimated - rowsDone, rate);
        return new SnapshotProgress(done, tables.size(), rowsDone, rowsEstimated, rate, eta);
    }

    /** One line for the terminal and the log, e.g. {@code snapshot 3/16 tables, 120,345/1,000,000 rows (12%), ...}. */
    public synchronized String summary() {
        return SnapshotSummary.format(overall(), tables());
    }

    private TableCopy announce(String table) {
        Objects.requireNonNull(table, "table");
        return tables.computeIfAbsent(table, name -> new TableCopy(name, new Rate(clock, RATE_WINDOW_SECONDS)));
    }

    private TableCopy existing(String table, String call) {
        TableCopy copy = tables.get(table);
        if (copy == null) {
            throw new IllegalStateException(call + "(" + table + ") before started(" + table + ")");
        }
        return copy;
    }

    /** Remaining rows over the current rate; unknown while there is no rate or nothing left we can see. */
    static Duration eta(long remainingRows, double rowsPerSecond) {
        if (remainingRows <= 0 || rowsPerSecond <= 0) {
            return null;
        }
        return Duration.ofMillis((long) Math.ceil(remainingRows * 1000.0 / rowsPerSecond));
    }

    private static final class TableCopy {
        final String name;
        final Rate rate;
        TableState state = TableState.PENDING;
        long rowsDone;
        long rowsEstimated;

        TableCopy(String name, Rate rate) {
            this.name = name;
            this.rate = rate;
        }

        boolean isFinished() {
            return state == TableState.COPIED || state == TableState.STREAMING;
        }

        void expect(TableState expected, String action) {
            if (state != expected) {
                throw new IllegalStateException("cannot " + action + " " + name + ": it is " + state);
            }
        }

        TableProgress progress() {
            return switch (state) {
                case PENDING -> new TableProgress(name, state, rowsDone, rowsEstimated, 0, null);
                case COPYING -> {
                    double perSecond = rate.perSecond();
                    yield new TableProgress(name, state, rowsDone, rowsEstimated, perSecond,
                            eta(rowsEstimated - rowsDone, perSecond));
                }
                case COPIED, STREAMING -> new TableProgress(name, state, rowsDone, rowsEstimated, 0, Duration.ZERO);
            };
        }
    }
}
