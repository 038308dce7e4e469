package io.tandem.engine.status;

import java.time.Duration;

/**
 * The whole snapshot at one instant.
 *
 * @param rowsEstimated exact for finished tables, estimated for the rest, never below {@code rowsDone}
 * @param eta null when unknown
 */
public record SnapshotProgress(
        int tablesDone, int tablesTotal, long rowsDone, long rowsEstimated, double rowsPerSecond, Duration eta) {

    /** Whole percent, rounded down, so 100 appears only when every row is in. */
    public int percent() {
        return Percent.of(rowsDone, rowsEstimated, tablesDone == tablesTotal);
    }
}
