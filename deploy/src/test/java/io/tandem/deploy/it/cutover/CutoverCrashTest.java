package io.tandem.deploy.it.cutover;

import io.tandem.deploy.demo.AppSimulator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.cutover.CutoverState;
import io.tandem.cutover.Direction;
import io.tandem.deploy.it.EngineProcess;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.pipeline.PipelineState;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The daemon killed at each step of a cutover ({@code kill -9} at the failpoint {@code cutover-before-<state>}:
 * the step has acted, its move is not yet persisted), under an application that keeps writing. At no moment are
 * both databases open to the application; the restarted daemon rolls back every attempt short of the commit
 * (MySQL writable, forward replication resumed with no gap) and completes a committed one (its switch-app hook
 * runs); at the end every acknowledged write is on the application's database exactly once.
 */
class CutoverCrashTest {

    @TempDir
    Path directory;

    @ParameterizedTest(name = "killed before {0} is recorded")
    @EnumSource(value = CutoverState.class, names = {"FROZEN", "FENCED", "DRAINED", "VERIFIED", "SEQUENCES_SET",
        "REPLICATION_STOPPED", "WAY_BACK_ARMED", "COMMITTED", "COMPLETED"})
    void aRestartFinishesOrRollsBackDeterministically(CutoverState killedBefore) throws Exception {
        try (CutoverFixture fixture = new CutoverFixture("crash" + killedBefore.ordinal())) {
            DaemonProcess daemon = DaemonProcess.configure(fixture, directory, "");
            AppSimulator app = fixture.simulator(2, 60);
            String failpoint = "-Dtandem.failpoint=cutover-before-" + killedBefore.name().toLowerCase(Locale.ROOT) + ":1";
            try (EngineProcess engine = daemon.start("engine-" + killedBefore, List.of(failpoint))) {
                app.start();
                daemon.awaitCutoverReady(engine);

                int exit = daemon.post("/cutover");
                assertEquals(-1, exit, "the cutover request dies with the daemon");
                assertEquals(137, engine.awaitExit(Duration.ofSeconds(30)), engine.logTail());
            }
            assertFalse(!fixture.sourceReadOnly() && fixture.applicationCanWriteOnPostgres(),
                    "both databases open to the application after a crash before " + killedBefore);

            boolean committed = killedBefore == CutoverState.COMPLETED;
            try (Daemon restarted = fixture.startDaemon(daemon.config)) {
                assertEquals(committed ? CutoverState.COMPLETED : CutoverState.ABORTED,
                        restarted.cutover().status().state());
                assertEquals(committed, fixture.sourceReadOnly());
                assertEquals(committed, fixture.applicationCanWriteOnPostgres());
                assertEquals(committed ? PipelineState.STOPPED : PipelineState.STREAMING,
                        restarted.replication().handle().state());
                assertEquals(committed ? "PostgreSQL" : "MySQL", app.current().name(),
                        "the switch-app hook ran exactly when the cutover committed");
                app.awaitMore(50, 60);
                app.close();
                if (committed) {
                    try (Connection postgres = fixture.targetAdmin()) {
                        assertEquals(List.of(), app.check(postgres));
                    }
                } else {
                    try (Connection mysql = fixture.sourceAdmin()) {
                        assertEquals(List.of(), app.check(mysql));
                    }
                    var comparison = fixture.data.awaitFenceAndCompare(Duration.ofMinutes(1));
                    assertTrue(comparison.isEqual(), "forward replication resumed with no gap: " + comparison);
                }
            } finally {
                app.close();
            }
        }
    }
}
