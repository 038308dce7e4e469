package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tandem.demo.servers.RestartableServer;
import io.tandem.deploy.demo.SakilaWriter;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.TandemConfig;
import io.tandem.engine.metrics.PrometheusText;
import io.tandem.testkit.compare.ComparisonReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL goes away and comes back while the source keeps changing: replication resumes by itself. */
class TargetRestartTest {

    private static final Pattern SINK_RETRIES = Pattern.compile("tandem_retries_total\\{component=\"sink\"} (\\d+)");

    @Test
    void replicationResumesByItselfAfterTheTargetRestarts(@TempDir Path directory) throws Exception {
        SourceFixture fixture = new SourceFixture("pgrestart");
        assumeTrue(fixture.target instanceof RestartableServer, "needs a target server the test can restart");
        RestartableServer target = (RestartableServer) fixture.target;
        TandemConfig config = TandemConfig.load(fixture.writeConfig(directory, ""));
        SakilaWriter writer = fixture.startWriter(50);
        try (Daemon daemon = Daemon.start(config, line -> { }, 60_000)) {
            Await.until("some streamed changes to be applied", Duration.ofMinutes(1),
                    () -> daemon.replication().pipeline().appliedPosition() != null);

            target.kill();
            long writtenWhileDown = writer.committedTransactions();
            Await.until("the writer to commit while PostgreSQL is down", Duration.ofMinutes(1),
                    () -> writer.committedTransactions() >= writtenWhileDown + 100);
            Await.until("the sink to notice and retry", Duration.ofMinutes(1), () -> sinkRetries(daemon) > 0);
            target.start();

            fixture.churnKeylessTable(50);
            writer.stop();
            assertEquals(null, writer.failure());
            ComparisonReport report = fixture.awaitFenceAndCompare(Duration.ofMinutes(3));
            assertTrue(report.isEqual(), report.toString());
            assertEquals("STREAMING", daemon.replication().status().get().phase());
        }
    }

    private static long sinkRetries(Daemon daemon) {
        Matcher matcher = SINK_RETRIES.matcher(PrometheusText.render(daemon.replication().metrics().registry()));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
