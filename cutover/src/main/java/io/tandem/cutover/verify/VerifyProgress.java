package io.tandem.cutover.verify;

import java.time.Duration;

/**
 * Where a pass stands.
 *
 * @param table the table being compared, {@code db.table}
 * @param tableRows rows of that table compared so far
 * @param tableEstimate the source's estimate of that table's rows (0 when unknown)
 * @param rows rows compared in the pass so far
 * @param estimate the estimate of the pass's rows
 * @param rowsPerSecond the pass's rate so far
 * @param eta the time left at that rate, or null while unknown
 */
public record VerifyProgress(String table, long tableRows, long tableEstimate, long rows, long estimate,
                             long rowsPerSecond, Duration eta) {

    /** {@code shop.item 40000/120000 rows, 230000/900000 in all, 95000 rows/s, ETA 7s}. */
    public String describe() {
        return table + " " + tableRows + "/" + tableEstimate + " rows, " + rows + "/" + estimate + " in all, "
                + rowsPerSecond + " rows/s" + (eta == null ? "" : ", ETA " + format(eta));
    }

    private static String format(Duration eta) {
        long seconds = eta.toSeconds();
        return seconds >= 3600 ? seconds / 3600 + "h" + (seconds % 3600) / 60 + "m"
                : seconds >= 60 ? seconds / 60 + "m" + seconds % 60 + "s" : seconds + "s";
    }
}
