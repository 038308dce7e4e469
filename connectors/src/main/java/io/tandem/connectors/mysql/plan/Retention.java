package io.tandem.connectors.mysql.plan;

import io.tandem.connectors.mysql.plan.MigrationPlan.SnapshotEstimate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Binlog retention and whether it outlives the snapshot: a purged start position cannot be streamed from. */
final class Retention {

    private static final long HOUR = 3_600;

    private Retention() {
    }

    /** MySQL 8 and MariaDB 10.6+ use {@code binlog_expire_logs_seconds}; older ones {@code expire_logs_days}. */
    static MigrationPlan.Retention read(Connection connection) throws SQLException {
        Map<String, String> variables = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN"
                     + " ('binlog_expire_logs_seconds', 'expire_logs_days')")) {
            while (rs.next()) {
                variables.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            }
        }
        double seconds = number(variables.get("binlog_expire_logs_seconds"));
        double days = number(variables.get("expire_logs_days"));
        if (seconds > 0) {
            return new MigrationPlan.Retention((long) seconds, "binlog_expire_logs_seconds=" + (long) seconds);
        }
        if (days > 0) {
            return new MigrationPlan.Retention((long) (days * 86_400), "expire_logs_days="
                    + variables.get("expire_logs_days"));
        }
        return new MigrationPlan.Retention(null, "binlog_expire_logs_seconds=0, expire_logs_days=0");
    }

    /**
     * Streaming starts from the snapshot's first position, so the binlog must outlive the whole copy plus the
     * catch-up after it; twice the copy plus an hour leaves room for a slower copy than estimated.
     */
    static SnapshotEstimate estimate(long rows, long bytes, MigrationPlan.Retention retention) {
        long seconds = (rows + PlanBuilder.SNAPSHOT_ROWS_PER_SECOND - 1) / PlanBuilder.SNAPSHOT_ROWS_PER_SECOND;
        long needed = 2 * seconds + HOUR;
        boolean covers = retention.unlimited() || retention.seconds() >= needed;
        String verdict;
        if (retention.unlimited()) {
            verdict = "binlogs are never purged automatically: retention covers the snapshot (watch the disk)";
        } else if (covers) {
            verdict = "retention " + duration(retention.seconds()) + " covers twice the estimate plus 1 h ("
                    + duration(needed) + ")";
        } else {
            verdict = "retention " + duration(retention.seconds()) + " is shorter than twice the estimate plus 1 h ("
                    + duration(needed) + "): raise binlog_expire_logs_seconds before running, or streaming may"
                    + " not be able to start";
        }
        return new SnapshotEstimate(rows, bytes, PlanBuilder.SNAPSHOT_ROWS_PER_SECOND, seconds, covers, verdict);
    }

    static String duration(long seconds) {
        if (seconds >= 2 * 86_400) {
            return String.format(Locale.ROOT, "%.1f days", seconds / 86_400.0);
        }
        if (seconds >= HOUR) {
            return String.format(Locale.ROOT, "%.1f h", seconds / (double) HOUR);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%d min %d s", seconds / 60, seconds % 60);
        }
        return seconds + " s";
    }

    private static double number(String value) {
        try {
            return value == null || value.isBlank() ? 0 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
