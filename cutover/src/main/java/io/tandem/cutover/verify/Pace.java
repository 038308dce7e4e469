package io.tandem.cutover.verify;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counts the rows a pass compares, reports progress with an ETA after each chunk, and keeps the pass under
 * {@code verify.max-rows-per-second} by sleeping after a chunk that got ahead of it.
 */
final class Pace {

    private final VerifyListener listener;
    private final int maxRowsPerSecond;
    private final Map<String, Long> estimates;
    private final long estimate;
    private final long started = System.nanoTime();
    private long rows;
    private String table;
    private long tableRows;

    /** @param estimates the source's row estimate per table ({@code db.table}) */
    Pace(VerifyListener listener, int maxRowsPerSecond, Map<String, Long> estimates) {
        this.listener = listener;
        this.maxRowsPerSecond = maxRowsPerSecond;
        this.estimates = Map.copyOf(estimates);
        this.estimate = estimates.values().stream().mapToLong(Long::longValue).sum();
    }

    void compared(String table, long count) throws InterruptedException {
        if (!table.equals(this.table)) {
            this.table = table;
            tableRows = 0;
        }
        rows += count;
        tableRows += count;
        listener.progress(progress());
        if (maxRowsPerSecond > 0) {
            long due = TimeUnit.SECONDS.toNanos(1) * rows / maxRowsPerSecond;
            long ahead = due - (System.nanoTime() - started);
            if (ahead > 0) {
                TimeUnit.NANOSECONDS.sleep(ahead);
            }
        }
    }

    long rows() {
        return rows;
    }

    VerifyProgress progress() {
        long elapsedMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        long rate = rows * 1000 / elapsedMillis;
        long total = Math.max(estimate, rows);
        Duration eta = rate == 0 ? null : Duration.ofSeconds((total - rows) / rate);
        long tableEstimate = Math.max(estimates.getOrDefault(table, 0L), tableRows);
        return new VerifyProgress(table, tableRows, tableEstimate, rows, total, rate, eta);
    }
}
