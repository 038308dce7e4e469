package io.tandem.connectors.mysql.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings the embedded server cannot be put into (MySQL's, or ones needing a restart), as SHOW VARIABLES maps. */
class BinlogSettingsTest {

    private static final ServerInfo MYSQL = ServerInfo.parse("8.0.40", "MySQL Community Server - GPL");
    private static final ServerInfo MARIADB = ServerInfo.parse("11.4.5-MariaDB-log", "MariaDB Server");

    private static Map<String, String> good() {
        Map<String, String> variables = new HashMap<>();
        variables.put("log_bin", "ON");
        variables.put("binlog_format", "ROW");
        variables.put("binlog_row_image", "FULL");
        variables.put("binlog_row_value_options", "");
        variables.put("binlog_expire_logs_seconds", "2592000");
        variables.put("expire_logs_days", "0");
        return variables;
    }

    private static List<CheckResult> failures(ServerInfo server, Map<String, String> variables) {
        return BinlogSettings.check(server, variables).stream().filter(r -> !r.ok()).toList();
    }

    @Test
    void goodMySqlSettingsPassAndRetentionIsReported() {
        List<CheckResult> results = BinlogSettings.check(MYSQL, good());
        assertTrue(results.stream().allMatch(CheckResult::ok), results.toString());
        CheckResult retention = results.stream().filter(r -> r.name().equals("binlog retention")).findFirst().orElseThrow();
        assertTrue(retention.message().startsWith("binlogs are purged after 30.0 days"), retention.message());
    }

    @Test
    void eachWrongSettingIsNamedWithItsFix() {
        Map<String, String> variables = good();
        variables.put("log_bin", "OFF");
        variables.put("binlog_format", "MIXED");
        variables.put("binlog_row_image", "MINIMAL");
        variables.put("binlog_row_value_options", "PARTIAL_JSON");
        List<CheckResult> failures = failures(MYSQL, variables);
        assertEquals(List.of("log_bin", "binlog_format", "binlog_row_image", "binlog_row_value_options"),
                failures.stream().map(CheckResult::name).toList());
        assertTrue(failures.get(1).message().startsWith("binlog_format is MIXED; tandem needs ROW"));
        assertTrue(failures.get(1).message().contains("Fix: SET GLOBAL binlog_format=ROW and set binlog_format=ROW"
                + " in the server config"));
        assertTrue(failures.get(2).message().contains("SET GLOBAL binlog_row_image=FULL"));
        assertTrue(failures.get(3).message().contains("SET GLOBAL binlog_row_value_options=''"));
    }

    @Test
    void mariaDbSpecificSettings() {
        Map<String, String> variables = good();
        variables.remove("binlog_row_value_options");
        variables.put("binlog_legacy_event_pos", "OFF");
        variables.put("log_bin_compress", "ON");
        List<CheckResult> failures = failures(MARIADB, variables);
        assertEquals(List.of("binlog_legacy_event_pos", "log_bin_compress"),
                failures.stream().map(CheckResult::name).toList());
        assertTrue(failures.get(0).message().contains("SET GLOBAL binlog_legacy_event_pos=ON"));
        // Before 11.4 the variable does not exist and is not required.
        variables.remove("binlog_legacy_event_pos");
        variables.put("log_bin_compress", "OFF");
        assertEquals(List.of(), failures(ServerInfo.parse("10.11.9-MariaDB", null), variables));
    }

    @Test
    void retentionNeverFails() {
        Map<String, String> variables = good();
        variables.put("binlog_expire_logs_seconds", "0");
        variables.put("expire_logs_days", "0.500000");
        CheckResult retention = BinlogSettings.check(MARIADB, variables).stream()
                .filter(r -> r.name().equals("binlog retention")).findFirst().orElseThrow();
        assertTrue(retention.ok());
        assertTrue(retention.message().startsWith("binlogs are purged after 12.0 hours"), retention.message());
    }
}
