package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.deploy.demo.SakilaWriter;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.TandemConfig;
import io.tandem.testkit.compare.ComparisonReport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job end to end: Sakila copied and streamed while a writer changes it; every row equal at the end. */
class SakilaReplicationTest {

    @Test
    void snapshotAndStreamingUnderConcurrentWritesLeaveTheTargetEqualToTheSource(@TempDir Path directory)
            throws Exception {
        SourceFixture fixture = new SourceFixture("sakila");
        SakilaWriter writer = fixture.startWriter(100);
        TandemConfig config = TandemConfig.load(fixture.writeConfig(directory, ""));
        try (Daemon daemon = Daemon.start(config, line -> { }, 60_000)) {
            long writtenAtStreamingStart = writer.committedTransactions();
            Await.until("the writer to commit 300 transactions while streaming", Duration.ofMinutes(2),
                    () -> writer.committedTransactions() >= writtenAtStreamingStart + 300);
            fixture.churnKeylessTable(200);
            writer.stop();
            assertEquals(null, writer.failure());

            ComparisonReport report = fixture.awaitFenceAndCompare(Duration.ofMinutes(2));
            assertTrue(report.isEqual(), report.toString());
            assertEquals(17, report.tables().size());

            InetSocketAddress control = daemon.control().address();
            JsonNode status = new ObjectMapper().readTree(ControlHttp.get(control, "/status"));
            assertEquals("STREAMING", status.get("phase").asText());
            assertEquals(17, status.get("tables").size());
            assertTrue(status.get("eventsApplied").asLong() > 300, status.toString());
            assertTrue(ControlHttp.get(control, "/metrics").contains("tandem_events_applied_total{"), "metrics exposition");
        }
    }
}
