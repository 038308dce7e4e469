package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.TandemConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero dates and NUL characters end to end, once copied by the snapshot and once streamed: with the default
 * policies and with {@code dead-letter}, checking the target rows, {@code tandem.dead_letter}, {@code /status} and
 * {@code /metrics}.
 */
class ValuePoliciesReplicationTest {

    private static final String TABLE = "CREATE TABLE z (id INT PRIMARY KEY, d DATE NULL, dn DATE NOT NULL,"
            + " v VARCHAR(10))";
    private static final String CLEAN = "INSERT INTO z VALUES (%d, '2024-01-02', '2024-01-02', 'ok')";
    private static final String ODD = "INSERT INTO z VALUES (%d, '0000-00-00', '2024-00-15', CONCAT('a', CHAR(0), 'b'))";

    @Test
    void theDefaultPoliciesWriteNullMinusInfinityAndStrippedTextAndCountEachRow(@TempDir Path directory)
            throws Exception {
        SourceFixture fixture = SourceFixture.withoutSakila("values_default");
        fixture.onSource("SET SESSION sql_mode = ''", TABLE, CLEAN.formatted(1), ODD.formatted(2));
        try (Daemon daemon = Daemon.start(TandemConfig.load(fixture.writeConfig(directory, "")), line -> { }, 60_000)) {
            InetSocketAddress control = daemon.control().address();
            awaitStreaming(control);
            fixture.onSource("SET SESSION sql_mode = ''", ODD.formatted(3), CLEAN.formatted(4));
            Await.until("the streamed rows to arrive", Duration.ofMinutes(1), () -> fixture.count("z") == 4);

            assertEquals(List.of(
                    List.of("1", "2024-01-02", "2024-01-02", "ok"),
                    List.of("2", "null", "-infinity", "ab"),
                    List.of("3", "null", "-infinity", "ab"),
                    List.of("4", "2024-01-02", "2024-01-02", "ok")),
                    fixture.targetRows("SELECT id, d, dn, v FROM \"" + fixture.database + "\".z ORDER BY id"));
            assertEquals(0, fixture.targetQueryLong("SELECT count(*) FROM tandem.dead_letter"));

            String table = fixture.database + ".z";
            // The streamed zero date in the nullable d reached tandem as a plain NULL: only the snapshot's counts.
            assertEquals(List.of(
                    table + " d zero-date null 1",
                    table + " dn zero-date -infinity 2",
                    table + " v nul-character strip 2"), statusValues(control));
            String metrics = ControlHttp.get(control, "/metrics");
            assertTrue(metrics.contains("tandem_value_policy_rows_total{table=\"" + table
                    + "\",column=\"dn\",reason=\"zero-date\",action=\"-infinity\"} 2"), metrics);
        }
    }

    @Test
    void deadLetterRecordsTheRefusedRowsInsteadOfApplyingThem(@TempDir Path directory) throws Exception {
        SourceFixture fixture = SourceFixture.withoutSakila("values_dead");
        fixture.onSource("SET SESSION sql_mode = ''", TABLE, CLEAN.formatted(1), ODD.formatted(2));
        String policies = "values:\n  zero-dates: dead-letter\n  nul-characters: dead-letter\n";
        try (Daemon daemon = Daemon.start(TandemConfig.load(fixture.writeConfig(directory, policies)), line -> { },
                60_000)) {
            InetSocketAddress control = daemon.control().address();
            awaitStreaming(control);
            fixture.onSource("SET SESSION sql_mode = ''", ODD.formatted(3), CLEAN.formatted(4));
            Await.until("the clean streamed row to arrive", Duration.ofMinutes(1), () -> fixture.count("z") == 2);

            assertEquals(List.of(List.of("1"), List.of("4")),
                    fixture.targetRows("SELECT id FROM \"" + fixture.database + "\".z ORDER BY id"));
            String table = fixture.database + ".z";
            assertEquals(List.of(
                    List.of(table, "snapshot", "{\"id\":\"2\"}", "d", "0000-00-00", "zero-date: values.zero-dates is dead-letter"),
                    List.of(table, "snapshot", "{\"id\":\"2\"}", "dn", "2024-00-15", "zero-date: values.zero-dates is dead-letter"),
                    List.of(table, "snapshot", "{\"id\":\"2\"}", "v", "a\\0b", "nul-character: values.nul-characters is dead-letter"),
                    List.of(table, "insert", "{\"id\":\"3\"}", "dn",
                            "a zero or partial-zero date (the binlog decoder does not pass on which)",
                            "zero-date: values.zero-dates is dead-letter"),
                    List.of(table, "insert", "{\"id\":\"3\"}", "v", "a\\0b", "nul-character: values.nul-characters is dead-letter")),
                    fixture.targetRows("SELECT source_table, operation, row_key, column_name, original_value, reason"
                            + " FROM tandem.dead_letter ORDER BY id"));
            assertEquals(1, fixture.targetQueryLong("SELECT count(DISTINCT source_position) FROM tandem.dead_letter"
                    + " WHERE operation = 'insert'"), "a streamed row is recorded at its binlog position");

            JsonNode status = new ObjectMapper().readTree(ControlHttp.get(control, "/status"));
            assertEquals(2, status.get("deadLettered").asLong(), status.toString());
            assertEquals(List.of(
                    table + " d zero-date dead-letter 1",
                    table + " dn zero-date dead-letter 2",
                    table + " v nul-character dead-letter 2"), statusValues(control));
            assertTrue(ControlHttp.get(control, "/metrics").contains("tandem_rows_dead_lettered_total{table=\"" + table + "\"} 2"));
        }
    }

    private static void awaitStreaming(InetSocketAddress control) {
        Await.until("the pipeline to stream", Duration.ofMinutes(2),
                () -> new ObjectMapper().readTree(ControlHttp.get(control, "/status")).get("phase").asText().equals("STREAMING"));
    }

    private static List<String> statusValues(InetSocketAddress control) throws Exception {
        List<String> values = new ArrayList<>();
        for (JsonNode v : new ObjectMapper().readTree(ControlHttp.get(control, "/status")).get("values")) {
            values.add(v.get("table").asText() + " " + v.get("column").asText() + " " + v.get("reason").asText() + " "
                    + v.get("action").asText() + " " + v.get("rows").asLong());
        }
        return values;
    }
}
