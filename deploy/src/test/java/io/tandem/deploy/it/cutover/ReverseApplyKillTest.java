package io.tandem.deploy.it.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tandem.demo.servers.RestartableServer;
import io.tandem.deploy.demo.AppSimulator;
import io.tandem.deploy.it.Await;
import io.tandem.deploy.it.EngineProcess;
import io.tandem.engine.config.TandemConfig;
import io.tandem.testkit.compare.ComparisonReport;
import io.tandem.testkit.compare.RowComparator;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reverse exactly-once ({@code CUTOVER.md}, the most important tests, 5): after a cutover, with the application
 * writing to PostgreSQL at a steady rate, tandem ({@code kill -9} of the daemon process), MySQL and PostgreSQL are
 * killed and restarted in turn. After each, PostgreSQL's writes keep arriving on MySQL; at the end MySQL equals
 * PostgreSQL row for row and every acknowledged write is on both exactly once. Throughout, the reverse slot never
 * confirms past the commit LSN MySQL stores with the rows, and the application can never write to both databases.
 */
class ReverseApplyKillTest {

    @TempDir
    Path directory;

    private CutoverFixture fixture;
    private AppSimulator app;

    @Test
    void reverseApplyLosesAndDoublesNothingWhenTandemMySqlOrPostgresDies() throws Exception {
        try (CutoverFixture migration = new CutoverFixture("revkill")) {
            fixture = migration;
            assumeTrue(fixture.data.source instanceof RestartableServer
                    && fixture.data.target instanceof RestartableServer, "needs servers the test can restart");
            RestartableServer mysql = (RestartableServer) fixture.data.source;
            RestartableServer postgres = (RestartableServer) fixture.data.target;
            DaemonProcess daemon = DaemonProcess.configure(fixture, directory, "failback:\n  max-lag: 5s\n");
            String instance = TandemConfig.load(daemon.config).name();
            app = fixture.simulator(2, 60);
            EngineProcess engine = daemon.start("engine-0", List.of());
            try (BothOpenWatch bothOpen = new BothOpenWatch(fixture);
                 ReverseSlotWatch slot = new ReverseSlotWatch(fixture, instance)) {
                app.start();
                daemon.awaitCutoverReady(engine);
                assertEquals(200, daemon.post("/cutover"), engine.logTail());
                assertEquals("PostgreSQL", app.current().name());
                awaitWritesArriveOnMySql("after the cutover");

                engine.kill();
                engine = daemon.start("engine-1", List.of());
                awaitWritesArriveOnMySql("after tandem was killed");

                mysql.kill();
                mysql.start();
                awaitWritesArriveOnMySql("after MySQL was killed");
                // A restarted server forgets SET GLOBAL read_only; tandem freezes it again.
                Await.until("MySQL read-only again after its restart", Duration.ofSeconds(30),
                        fixture::sourceReadOnly);

                postgres.kill();
                postgres.start();
                awaitWritesArriveOnMySql("after PostgreSQL was killed");

                app.close();
                fixture.awaitReverseApplied("once the application stopped");
                assertEqualAndExactlyOnce();
                assertTrue(engine.isAlive(), engine.logTail());
                assertFalse(fixture.applicationCanWriteOnMySql(), "MySQL stays closed to the application");
                assertEquals(List.of(), slot.violations(), "the slot confirmed past what MySQL committed");
                assertTrue(slot.samples() > 10 && slot.sawTheSlotMove(), "the slot was sampled while it moved: "
                        + slot.samples() + " samples");
                assertEquals(List.of(), bothOpen.violations(), "both databases open to the application");
                System.out.printf("reverse kills: %d transactions acknowledged, %d refused and retried; %d slot"
                        + " samples%n", app.acknowledged(), app.refused(), slot.samples());
            } finally {
                engine.close();
                app.close();
                fixture.dropSlot();
            }
        }
    }

    /** The application goes on writing to PostgreSQL, and what it wrote arrives on MySQL. */
    private void awaitWritesArriveOnMySql(String when) throws Exception {
        app.awaitMore(30, 90);
        fixture.awaitReverseApplied(when);
    }

    private void assertEqualAndExactlyOnce() throws Exception {
        try (Connection postgres = fixture.targetAdmin(); Connection mysql = fixture.sourceAdmin()) {
            assertEquals(List.of(), app.check(postgres), "acknowledged writes on PostgreSQL");
            assertEquals(List.of(), app.check(mysql), "acknowledged writes on MySQL");
        }
        ComparisonReport comparison = new RowComparator(fixture.data.source, fixture.data.target,
                fixture.data.targetDatabase).compare(fixture.data.database);
        assertTrue(comparison.isEqual(), "MySQL equals PostgreSQL row for row: " + comparison);
    }
}
