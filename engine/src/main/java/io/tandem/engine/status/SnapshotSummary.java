package io.tandem.engine.status;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** Formats snapshot progress as one line; Locale.ROOT so logs read the same on every machine. */
final class SnapshotSummary {

    private SnapshotSummary() {
    }

    static String format(SnapshotProgress overall, List<TableProgress> tables) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "snapshot %d/%d tables, %,d/%,d rows (%d%%), %,.0f rows/s, ETA %s",
                overall.tablesDone(), overall.tablesTotal(), overall.rowsDone(), overall.rowsEstimated(),
                overall.percent(), overall.rowsPerSecond(), duration(overall.eta())));
        StringJoiner copying = new StringJoiner(", ", "; copying: ", "").setEmptyValue("");
        for (TableProgress table : tables) {
            if (table.state() == TableState.COPYING) {
                copying.add(table.table() + " " + Percent.of(table.rowsDone(), table.rowsEstimated(), false) + "%");
            }
        }
        return line.append(copying).toString();
    }

    static String duration(Duration duration) {
        if (duration == null) {
            return "unknown";
        }
        long seconds = (duration.toMillis() + 999) / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
