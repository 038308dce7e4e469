package io.tandem.deploy.it.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.cutover.CutoverState;
import io.tandem.cutover.Direction;
import io.tandem.deploy.demo.AppSimulator;
import io.tandem.deploy.it.Await;
import io.tandem.deploy.it.EngineProcess;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.pipeline.PipelineState;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon killed at each step of a failback ({@code kill -9} at the failpoint {@code failback-before-<state>}:
 * the step has acted, its move is not yet persisted), after a cutover, under an application that keeps writing to
 * whichever database is its own. The restarted daemon rolls back every failback killed before MySQL was opened
 * (journal short of OPENING: PostgreSQL stays the application's database, MySQL frozen, the reverse stream
 * applying) and finishes one killed later (MySQL open, forward replication streaming again from the position the
 * failback stored). At no moment are both databases open to the application; at the end every acknowledged write
 * is on both databases exactly once.
 *
 * <p>One chain on one migration, not one migration per state: a rolled-back failback leaves PostgreSQL the
 * application's database, ready for the next failback, so each state costs one daemon start instead of a
 * snapshot, a slot and a cutover. Each daemon started recovers the previous crash and is itself killed at the next
 * state.
 */
class FailbackCrashTest {

    /** Killed before each of these is recorded, a failback has not opened MySQL yet: the restart rolls it back. */
    private static final List<CutoverState> ROLLED_BACK = List.of(CutoverState.FROZEN, CutoverState.FENCED,
            CutoverState.DRAINED, CutoverState.VERIFIED, CutoverState.SEQUENCES_SET,
            CutoverState.REPLICATION_STOPPED, CutoverState.WAY_BACK_ARMED, CutoverState.OPENING);

    /**
     * Both gates' lag bound. Each gate looks at the p99 over the last minute, which after every restart holds the
     * downtime (and after a failback the forward lag holds the whole time PostgreSQL was the application's), so
     * with a tight bound each step would wait a minute. This test waits instead until the stream it drains has
     * caught up with the application (so the drain stays within the write-pause budget); the gates' lag checks have
     * tests of their own.
     */
    private static final Duration GATE_MAX_LAG = Duration.ofMinutes(10);

    @TempDir
    Path directory;

    private CutoverFixture fixture;
    private DaemonProcess daemon;
    private AppSimulator app;
    private long lastAttempt;

    @Test
    void aRestartFinishesOrRollsBackAFailbackKilledAtAnyStep() throws Exception {
        try (CutoverFixture migration = new CutoverFixture("fbcrash")) {
            fixture = migration;
            daemon = DaemonProcess.configure(fixture, directory, GATE_MAX_LAG, "failback:\n  max-lag: "
                    + GATE_MAX_LAG.toSeconds() + "s\n");
            app = fixture.simulator(2, 60);
            EngineProcess engine = null;
            try (BothOpenWatch watch = new BothOpenWatch(fixture)) {
                app.start();
                engine = daemon.start("engine-0", failpoint(ROLLED_BACK.get(0), 1));
                cutOver(engine);
                for (int i = 0; i < ROLLED_BACK.size(); i++) {
                    killFailback(engine, ROLLED_BACK.get(i));
                    CutoverState next = i + 1 < ROLLED_BACK.size() ? ROLLED_BACK.get(i + 1) : CutoverState.COMMITTED;
                    engine = daemon.start("engine-" + (i + 1), failpoint(next, 1));
                    awaitRolledBack(engine);
                }
                killFailback(engine, CutoverState.COMMITTED);
                // Finishing the failback killed before COMMITTED reaches failback-before-completed once; the second
                // time is this daemon's own failback, after a cutover.
                engine = daemon.start("engine-finishing", failpoint(CutoverState.COMPLETED, 2));
                awaitFinished(engine);
                cutOver(engine);
                killFailback(engine, CutoverState.COMPLETED);
                try (Daemon restarted = fixture.startDaemon(daemon.config)) {
                    assertFinishedInProcess(restarted);
                    fixture.awaitForwardApplied("after the failback");
                    app.close();
                    assertExactlyOnceOnBothSides();
                }
                assertEquals(List.of(), watch.violations(), "both databases open to the application");
                System.out.printf("failback crashes: %d transactions acknowledged, %d refused and retried, %d"
                        + " both-open samples%n", app.acknowledged(), app.refused(), watch.samples());
            } finally {
                if (engine != null) {
                    engine.close();
                }
                app.close();
                fixture.dropSlot();
            }
        }
    }

    /** Cuts over in the daemon process; the application moves to PostgreSQL and writes there. */
    private void cutOver(EngineProcess engine) throws Exception {
        daemon.awaitCutoverReady(engine);
        int status = daemon.post("/cutover");
        JsonNode report = report();
        assertEquals(200, status, "the cutover completes: " + report + "\n" + engine.logTail());
        lastAttempt = report.path("attempt").asLong();
        assertEquals("PostgreSQL", app.current().name());
        awaitReverseApplies();
    }

    /** Runs a failback that the daemon's failpoint kills before {@code state} is recorded. */
    private void killFailback(EngineProcess engine, CutoverState state) throws Exception {
        daemon.awaitGate(engine);
        assertEquals(-1, daemon.post("/failback"), "the failback request dies with the daemon");
        assertEquals(137, engine.awaitExit(Duration.ofSeconds(30)), engine.logTail());
        engine.close();
        assertFalse(fixture.applicationCanWriteOnMySql() && fixture.applicationCanWriteOnPostgres(),
                "both databases open to the application after a crash before " + state);
    }

    /**
     * The restarted daemon rolled the failback back: PostgreSQL is the application's database and writable to it,
     * MySQL closed, and the reverse stream applies the application's writes to MySQL again.
     */
    private void awaitRolledBack(EngineProcess engine) throws Exception {
        assertEquals(CutoverState.ABORTED, awaitRecovered(engine));
        assertTrue(fixture.applicationCanWriteOnPostgres(), "PostgreSQL writable for the application again");
        assertFalse(fixture.applicationCanWriteOnMySql(), "MySQL stays closed to the application");
        assertEquals("PostgreSQL", app.current().name(), "no switch-app hook ran for a rolled-back failback");
        awaitReverseApplies();
    }

    /** The application writes on PostgreSQL, and the reverse stream applies what it wrote to MySQL. */
    private void awaitReverseApplies() throws Exception {
        app.awaitMore(30, 60);
        fixture.awaitReverseApplied("while PostgreSQL is the application's database");
    }

    /**
     * The restarted daemon finished the failback: MySQL is the application's database and writable to it,
     * PostgreSQL closed, the switch-app hook ran, and forward replication streams MySQL's writes again.
     */
    private void awaitFinished(EngineProcess engine) throws Exception {
        assertEquals(CutoverState.COMPLETED, awaitRecovered(engine));
        assertTrue(fixture.applicationCanWriteOnMySql(), "MySQL writable for the application");
        assertFalse(fixture.applicationCanWriteOnPostgres(), "PostgreSQL closed to the application");
        assertEquals("MySQL", app.current().name(), "the switch-app hook ran on restart");
        daemon.awaitForwardStreaming(engine);
        app.awaitMore(30, 60);
        fixture.awaitForwardApplied("after the failback");
    }

    /** The state the restarted daemon left the crashed failback in, once its recovery published it. */
    private CutoverState awaitRecovered(EngineProcess engine) throws Exception {
        Await.until("the restarted daemon recovers the failback", Duration.ofMinutes(1), () -> {
            if (!engine.isAlive()) {
                throw new AssertionError("the restarted engine exited:\n" + engine.logTail());
            }
            JsonNode report = report();
            return "FAILBACK".equals(report.path("direction").asText()) && report.path("attempt").asLong() > lastAttempt
                    && CutoverState.valueOf(report.path("state").asText()).isTerminal();
        });
        JsonNode report = report();
        lastAttempt = report.path("attempt").asLong();
        return CutoverState.valueOf(report.path("state").asText());
    }

    private void assertFinishedInProcess(Daemon restarted) throws Exception {
        assertEquals(Direction.FAILBACK, restarted.cutover().status().direction());
        assertEquals(CutoverState.COMPLETED, restarted.cutover().status().state());
        assertTrue(fixture.applicationCanWriteOnMySql(), "MySQL writable for the application");
        assertFalse(fixture.applicationCanWriteOnPostgres(), "PostgreSQL closed to the application");
        assertEquals("MySQL", app.current().name());
        Await.until("forward replication streams", Duration.ofMinutes(1),
                () -> restarted.replication().handle().state() == PipelineState.STREAMING);
        app.awaitMore(30, 60);
    }

    /** Every acknowledged write once on MySQL, and PostgreSQL equal to MySQL row for row. */
    private void assertExactlyOnceOnBothSides() throws Exception {
        try (Connection mysql = fixture.sourceAdmin()) {
            assertEquals(List.of(), app.check(mysql), "acknowledged writes on MySQL");
        }
        var comparison = fixture.data.awaitFenceAndCompare(Duration.ofMinutes(1));
        assertTrue(comparison.isEqual(), "PostgreSQL equals MySQL: " + comparison);
        try (Connection postgres = fixture.targetAdmin()) {
            assertEquals(List.of(), app.check(postgres), "acknowledged writes on PostgreSQL");
        }
    }

    private JsonNode report() throws Exception {
        return daemon.get("/cutover");
    }

    private static List<String> failpoint(CutoverState state, int reach) {
        return List.of("-Dtandem.failpoint=failback-before-" + state.name().toLowerCase(Locale.ROOT) + ":" + reach);
    }
}
