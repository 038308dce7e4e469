package io.tandem.connectors.mysql.check;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Checks the global binlog variables (read with SHOW GLOBAL VARIABLES) that change data capture depends on. */
final class BinlogSettings {

    private static final String RESTART_CLIENTS =
            " (sessions that are already open, including running replicas, keep the old value until they reconnect)";

    private BinlogSettings() {
    }

    static List<CheckResult> check(ServerInfo server, Map<String, String> variables) {
        List<CheckResult> results = new ArrayList<>();
        String logBin = variables.get("log_bin");
        results.add(isOn(logBin)
                ? CheckResult.pass("log_bin", "binary logging is on")
                : CheckResult.fail("log_bin", "log_bin is " + shown(logBin) + "; tandem reads changes from the binary"
                        + " log. Fix: set log_bin (e.g. log_bin=mysql-bin) and a server_id in the server config and"
                        + " restart the server."));
        results.add(expect(variables, "binlog_format", "ROW",
                "each changed row in the log, not the statement that changed it"));
        results.add(expect(variables, "binlog_row_image", "FULL",
                "a smaller image leaves out the columns an update did not change"));
        if (!server.isMariaDb()) {
            String options = variables.getOrDefault("binlog_row_value_options", "");
            results.add(options.toUpperCase(Locale.ROOT).contains("PARTIAL_JSON")
                    ? CheckResult.fail("binlog_row_value_options", "binlog_row_value_options is " + options
                            + "; tandem needs it empty, because partial JSON updates are logged as diffs tandem"
                            + " cannot apply. Fix: SET GLOBAL binlog_row_value_options='' and remove it from the"
                            + " server config" + RESTART_CLIENTS + ".")
                    : CheckResult.pass("binlog_row_value_options", "no partial JSON updates"));
        }
        if (server.isMariaDb() && server.atLeast(11, 4) && variables.containsKey("binlog_legacy_event_pos")) {
            results.add(expect(variables, "binlog_legacy_event_pos", "ON",
                    "otherwise MariaDB 11.4+ writes event positions the binlog client misreads"));
        }
        if (server.isMariaDb() && variables.containsKey("log_bin_compress")) {
            results.add(expect(variables, "log_bin_compress", "OFF",
                    "the binlog client cannot read compressed events"));
        }
        results.add(retention(variables));
        return results;
    }

    private static CheckResult expect(Map<String, String> variables, String name, String required, String why) {
        String value = variables.get(name);
        if (value != null && value.equalsIgnoreCase(required)) {
            return CheckResult.pass(name, name + " is " + required);
        }
        return CheckResult.fail(name, name + " is " + shown(value) + "; tandem needs " + required + " (" + why
                + "). Fix: SET GLOBAL " + name + "=" + required + " and set " + name + "=" + required
                + " in the server config" + RESTART_CLIENTS + ".");
    }

    /** Never fails: how long the server keeps binlogs bounds how long a snapshot plus catch-up may take. */
    private static CheckResult retention(Map<String, String> variables) {
        double seconds = number(variables.get("binlog_expire_logs_seconds"));
        double days = number(variables.get("expire_logs_days"));
        String message;
        if (seconds > 0) {
            message = "binlogs are purged after " + describe(seconds) + " (binlog_expire_logs_seconds="
                    + (long) seconds + ")";
        } else if (days > 0) {
            message = "binlogs are purged after " + describe(days * 86_400) + " (expire_logs_days="
                    + variables.get("expire_logs_days") + ")";
        } else {
            message = "binlogs are not purged automatically";
        }
        return CheckResult.pass("binlog retention", message
                + "; the initial copy plus catching up must finish well within that, or streaming cannot resume");
    }

    private static String describe(double seconds) {
        return seconds >= 86_400 ? String.format(Locale.ROOT, "%.1f days", seconds / 86_400)
                : String.format(Locale.ROOT, "%.1f hours", seconds / 3_600);
    }

    private static double number(String value) {
        try {
            return value == null || value.isBlank() ? 0 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isOn(String value) {
        return value != null && (value.equalsIgnoreCase("ON") || value.equals("1"));
    }

    private static String shown(String value) {
        return value == null ? "not set (variable missing)" : value.isEmpty() ? "empty" : value;
    }
}
