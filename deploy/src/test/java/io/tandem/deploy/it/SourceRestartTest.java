package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tandem.demo.servers.RestartableServer;
import io.tandem.deploy.demo.SakilaWriter;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.TandemConfig;
import io.tandem.testkit.compare.ComparisonReport;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source server is killed and restarted during streaming: the binlog reader reconnects and nothing is lost. */
class SourceRestartTest {

    @Test
    void streamingResumesByItselfAfterTheSourceRestarts(@TempDir Path directory) throws Exception {
        SourceFixture fixture = new SourceFixture("myrestart");
        assumeTrue(fixture.source instanceof RestartableServer, "needs a source server the test can restart");
        RestartableServer source = (RestartableServer) fixture.source;
        TandemConfig config = TandemConfig.load(fixture.writeConfig(directory, ""));
        try (Daemon daemon = Daemon.start(config, line -> { }, 60_000)) {
            SakilaWriter before = fixture.startWriter(50);
            Await.until("streamed changes to be applied", Duration.ofMinutes(1),
                    () -> daemon.replication().status().get().eventsApplied() > 100);
            before.stop();

            source.kill();
            source.start();
            SakilaWriter after = fixture.startWriter(50);
            Await.until("the writer to commit after the restart", Duration.ofMinutes(1),
                    () -> after.committedTransactions() >= 100);
            fixture.churnKeylessTable(50);
            after.stop();
            assertEquals(null, after.failure());

            ComparisonReport report = fixture.awaitFenceAndCompare(Duration.ofMinutes(3));
            assertTrue(report.isEqual(), report.toString());
            assertEquals("STREAMING", daemon.replication().status().get().phase());
        }
    }
}
