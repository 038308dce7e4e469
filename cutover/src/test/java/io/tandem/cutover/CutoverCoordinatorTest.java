package io.tandem.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.demo.servers.TargetServer;
import io.tandem.engine.config.HookConfig;
import io.tandem.engine.pipeline.PipelineState;
import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The state machine's decisions, with the journal on a real PostgreSQL and the two sides recording what they are
 * asked: the order of the steps, the commit point, every abort path, the budget, and recovery after a crash.
 */
class CutoverCoordinatorTest {

    private TargetServer server;
    private String database;
    private CutoverJournal journal;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final RecordingSource source = new RecordingSource();
    private final RecordingTarget target = new RecordingTarget();
    private final FakeReplication forward = new FakeReplication(PipelineState.STREAMING, calls::add);
    private final FakeReplication reverseReplication = new FakeReplication("reverse",
            PipelineState.STREAMING, calls::add);
    private final RecordingPostgresSource pgSource = new RecordingPostgresSource();
    private final RecordingMySqlTarget mysqlTarget = new RecordingMySqlTarget();
    private final AtomicLong nanos = new AtomicLong();
    private final List<GateCheck> gate = new ArrayList<>();

    @BeforeEach
    void freshTarget() throws Exception {
        server = TestServers.target();
        database = server.createDatabase("cutover");
        journal = new CutoverJournal(() -> server.connect(database));
        journal.createTable();
    }

    private CutoverCoordinator coordinator(Duration maxPause) {
        Hooks hooks = (point, facts) -> {
            calls.add("hook " + point.configValue());
            if (source.failHook == point) {
                throw new IllegalStateException("hook exited 3");
            }
        };
        Pausable heartbeat = new Pausable() {
            @Override
            public void pause() {
                calls.add("heartbeat pause");
            }

            @Override
            public void resume() {
                calls.add("heartbeat resume");
            }
        };
        WayBack reverse = new WayBack() {
            @Override
            public String arm() {
                calls.add("arm reverse");
                return "reverse applies";
            }

            @Override
            public void disarm() {
                calls.add("disarm reverse");
            }
        };
        CutoverCoordinator.Switch cutover = new CutoverCoordinator.Switch(Direction.CUTOVER, source, target, forward,
                heartbeat, reverse, gate, maxPause, forward::stop);
        CutoverCoordinator.Switch failback = new CutoverCoordinator.Switch(Direction.FAILBACK, pgSource, mysqlTarget,
                reverseReplication, Pausable.NONE, WayBack.NONE, List.of(), maxPause,
                () -> calls.add("start forward"));
        return new CutoverCoordinator(journal, hooks, cutover, failback, Clock.systemUTC(), nanos::get);
    }

    @Test
    void aCutoverRunsTheStepsInOrderAndCommitsWithTheGrants() throws Exception {
        CutoverReport report = coordinator(Duration.ofSeconds(3)).run(Direction.CUTOVER, step -> { });

        assertEquals(CutoverState.COMPLETED, report.state(), report.reason());
        assertEquals(List.of("hook pre-freeze", "heartbeat pause", "freeze", "fence", "await fence", "log end",
                "verify", "sequences", "forward pause", "arm reverse", "open", "forward stop", "hook switch-app",
                "hook post-open"), calls);
        assertEquals(List.of("pre-freeze hook", "freeze", "fence", "drain", "verify", "sequences", "stop-replication",
                "arm way back", "open", "switch-app hook", "post-open hook", "hooks"),
                report.steps().stream().map(StepRecord::name).toList());
        assertNotNull(report.windowMillis());
        CutoverJournal.Attempt stored = journal.latest().orElseThrow();
        assertEquals(CutoverState.COMPLETED, stored.state());
        assertEquals("binlog.000001:500", stored.finalPosition());
        assertTrue(grantMarkerExists(), "the grant commits with COMMITTED");
        List<StepRecord> persisted = StepsJson.parse(stored.stepsJson());
        StepRecord open = persisted.stream().filter(step -> step.name().equals("open")).findFirst().orElseThrow();
        assertTrue(open.detail().contains("write-unavailable window"), "the journal keeps the opening as measured: "
                + open);
    }

    @Test
    void aRefusalChangesNothing() throws Exception {
        gate.add(() -> GateCheck.Result.fail("lag", "p99 1.2 s is above cutover.max-lag 250 ms"));
        gate.add(() -> GateCheck.Result.pass("pipeline", "streaming"));

        CutoverRefused refused = assertThrows(CutoverRefused.class, () -> coordinator(Duration.ofSeconds(3))
                .run(Direction.CUTOVER, step -> { }));

        assertTrue(refused.getMessage().contains("lag: p99 1.2 s is above"), refused.getMessage());
        assertEquals(List.of(), calls);
        assertTrue(journal.latest().isEmpty());
    }

    @Test
    void aFailingPreFreezeHookIsARefusalThatChangesNothing() throws Exception {
        source.failHook = HookConfig.Step.PRE_FREEZE;

        CutoverRefused refused = assertThrows(CutoverRefused.class, () -> coordinator(Duration.ofSeconds(3))
                .run(Direction.CUTOVER, step -> { }));

        assertTrue(refused.getMessage().contains("pre-freeze hook failed, so nothing was frozen: hook exited 3"),
                refused.getMessage());
        assertEquals(List.of("hook pre-freeze"), calls);
        assertTrue(journal.latest().isEmpty());
    }

    @Test
    void aFreezeThatTimesOutAbortsAndLeavesTheSourceWritable() throws Exception {
        source.failFreeze = true;

        CutoverReport report = coordinator(Duration.ofSeconds(3)).run(Direction.CUTOVER, step -> { });

        assertEquals(CutoverState.ABORTED, report.state());
        assertTrue(report.reason().contains("Lock wait timeout"), report.reason());
        assertTrue(calls.containsAll(List.of("close target", "unfreeze", "heartbeat resume")), calls.toString());
        assertFalse(calls.contains("forward resume"), "forward replication was never paused");
        assertFalse(grantMarkerExists());
    }

    @Test
    void aDrainThatDoesNotArriveAbortsAndResumesNothingItDidNotPause() throws Exception {
        target.fenceArrives = false;

        CutoverReport report = coordinator(Duration.ofSeconds(3)).run(Direction.CUTOVER, step -> { });

        assertEquals(CutoverState.ABORTED, report.state());
        assertTrue(report.reason().contains("fence token did not arrive"), report.reason());
        assertTrue(calls.contains("unfreeze"));
        assertEquals(CutoverState.ABORTED, journal.latest().orElseThrow().state());
    }

    @Test
    void aWriteAfterTheFenceAborts() throws Exception {
        source.endMovesAfterFence = true;

        CutoverReport report = coordinator(Duration.ofSeconds(3)).run(Direction.CUTOVER, step -> { });

        assertEquals(CutoverState.ABORTED, report.state());
        assertTrue(report.reason().contains("written after the fence"), report.reason());
    }

    @Test
    void aVerificationDifferenceAborts() throws Exception {
        target.differences = List.of("shop.orders id=7 column note: source 'a', target 'A'");

        CutoverReport report = coordinator(Duration.ofSeconds(3)).run(Direction.CUTOVER, step -> { });

        assertEquals(CutoverState.ABORTED, report.state());
        assertTrue(report.reason().contains("id=7"), report.reason());
    }

    @Test
    void aFailureAfterForwardStoppedResumesForwardReplication() throws Exception {
        target.failOpen = true;

        CutoverReport report = coordinator(Duration.ofSeconds(3)).run(Direction.CUTOVER, step -> { });

        assertEquals(CutoverState.ABORTED, report.state());
        assertTrue(calls.contains("forward resume"), calls.toString());
        assertTrue(calls.contains("disarm reverse"), calls.toString());
        assertEquals(PipelineState.STREAMING, forward.state());
        assertFalse(grantMarkerExists(), "the failed open rolled back with its journal move");
    }

    @Test
    void theBudgetRunningOutAbortsBeforeOpening() throws Exception {
        target.verifyTakes = Duration.ofSeconds(4);

        CutoverReport report = coordinator(Duration.ofSeconds(3)).run(Direction.CUTOVER, step -> { });

        assertEquals(CutoverState.ABORTED, report.state());
        assertTrue(report.reason().contains("cutover.max-pause (3000 ms) ran out before sequences"), report.reason());
        assertFalse(calls.contains("open"));
    }

    @Test
    void aFailingSwitchHookAfterTheCommitIsReportedNotRolledBack() throws Exception {
        source.failHook = HookConfig.Step.SWITCH_APP;

        CutoverReport report = coordinator(Duration.ofSeconds(3)).run(Direction.CUTOVER, step -> { });

        assertEquals(CutoverState.COMPLETED, report.state());
        assertTrue(report.reason().contains("switch-app hook failed: hook exited 3"), report.reason());
        assertTrue(calls.contains("hook post-open"));
    }

    @Test
    void aRestartRollsBackAnAttemptShortOfTheCommit() throws Exception {
        long attempt = journal.begin(Direction.CUTOVER, "cutover-test", Clock.systemUTC().instant());
        journal.move(attempt, CutoverState.FREEZING, CutoverState.FROZEN, new StepRecord("freeze", 1, "x"),
                Clock.systemUTC().instant());
        journal.move(attempt, CutoverState.FROZEN, CutoverState.FENCED, new StepRecord("fence", 1, "x"),
                Clock.systemUTC().instant());

        Direction.Primary primary = coordinator(Duration.ofSeconds(3)).recover();

        assertEquals(Direction.Primary.MYSQL, primary);
        assertEquals(List.of("close target", "disarm reverse", "unfreeze", "heartbeat resume"), calls);
        CutoverJournal.Attempt stored = journal.latest().orElseThrow();
        assertEquals(CutoverState.ABORTED, stored.state());
        assertTrue(stored.reason().contains("tandem stopped during FENCED"), stored.reason());
    }

    @Test
    void aRestartCompletesACommittedAttemptWithoutTouchingEitherSide() throws Exception {
        long attempt = journal.begin(Direction.CUTOVER, "cutover-test", Clock.systemUTC().instant());
        walkTo(attempt, CutoverState.WAY_BACK_ARMED);
        journal.commitWith(attempt, CutoverState.WAY_BACK_ARMED, new StepRecord("open", 1, "x"),
                Clock.systemUTC().instant(), target::grant);
        calls.clear();

        CutoverCoordinator coordinator = coordinator(Duration.ofSeconds(3));

        assertEquals(Direction.Primary.POSTGRES, coordinator.recover());
        assertEquals(List.of("hook switch-app", "hook post-open"), calls, "the daemon starts replications itself");
        assertEquals(CutoverState.COMPLETED, journal.latest().orElseThrow().state());
        assertEquals(CutoverState.COMPLETED, coordinator.status().state());
        assertEquals(Direction.Primary.POSTGRES, coordinator(Duration.ofSeconds(3)).recover());
    }

    @Test
    void aFailbackAfterACutoverOpensMySqlAroundItsOwnJournalMove() throws Exception {
        CutoverCoordinator coordinator = coordinator(Duration.ofSeconds(3));
        assertEquals(CutoverState.COMPLETED, coordinator.run(Direction.CUTOVER, step -> { }).state());
        assertEquals(Direction.FAILBACK, coordinator.nextDirection());
        calls.clear();

        CutoverReport report = coordinator.run(Direction.FAILBACK, step -> { });

        assertEquals(CutoverState.COMPLETED, report.state(), report.reason());
        assertEquals(Direction.FAILBACK, report.direction());
        assertEquals(List.of("hook pre-freeze", "revoke app roles", "pg fence", "await mysql fence",
                "pg writes after fence", "verify mysql", "auto_increment", "reverse pause", "open mysql",
                "start forward", "hook switch-app", "hook post-open"), calls);
        assertEquals(List.of("pre-freeze hook", "freeze", "fence", "drain", "verify", "sequences", "stop-replication",
                "arm way back", "opening", "open", "switch-app hook", "post-open hook", "hooks"),
                report.steps().stream().map(StepRecord::name).toList());
        assertEquals(Direction.Primary.MYSQL, coordinator.primary());
        assertEquals(Direction.CUTOVER, coordinator.nextDirection());
        assertEquals(Direction.FAILBACK, journal.latest().orElseThrow().direction());
    }

    @Test
    void aFailbackIsRefusedWhileMySqlIsTheApplicationsDatabase() throws Exception {
        CutoverRefused refused = assertThrows(CutoverRefused.class,
                () -> coordinator(Duration.ofSeconds(3)).run(Direction.FAILBACK, step -> { }));

        assertTrue(refused.getMessage().contains("nothing to fail back"), refused.getMessage());
        assertEquals(List.of(), calls);
    }

    @Test
    void anAbortedFailbackLeavesPostgresOpenAndResumesReverseReplication() throws Exception {
        CutoverCoordinator coordinator = coordinator(Duration.ofSeconds(3));
        coordinator.run(Direction.CUTOVER, step -> { });
        calls.clear();
        mysqlTarget.differences = List.of("shop.orders id=9 missing on MySQL");

        CutoverReport report = coordinator.run(Direction.FAILBACK, step -> { });

        assertEquals(CutoverState.ABORTED, report.state());
        assertTrue(calls.containsAll(List.of("close mysql", "grant app roles")), calls.toString());
        assertFalse(calls.contains("open mysql"));
        assertEquals(Direction.Primary.POSTGRES, coordinator.primary());
    }

    @Test
    void aRestartFinishesAFailbackCaughtWhileOpeningMySql() throws Exception {
        long attempt = journal.begin(Direction.FAILBACK, "failback-test", Clock.systemUTC().instant());
        walkTo(attempt, CutoverState.WAY_BACK_ARMED);
        journal.move(attempt, CutoverState.WAY_BACK_ARMED, CutoverState.OPENING, new StepRecord("opening", 1, "x"),
                Clock.systemUTC().instant());

        CutoverCoordinator coordinator = coordinator(Duration.ofSeconds(3));

        assertEquals(Direction.Primary.MYSQL, coordinator.recover());
        assertEquals(List.of("open mysql", "hook switch-app", "hook post-open"), calls);
        assertEquals(CutoverState.COMPLETED, journal.latest().orElseThrow().state());
    }

    @Test
    void aRestartRollsBackAFailbackShortOfOpening() throws Exception {
        long attempt = journal.begin(Direction.FAILBACK, "failback-test", Clock.systemUTC().instant());
        walkTo(attempt, CutoverState.REPLICATION_STOPPED);

        assertEquals(Direction.Primary.POSTGRES, coordinator(Duration.ofSeconds(3)).recover());
        assertEquals(List.of("close mysql", "grant app roles"), calls);
        assertEquals(CutoverState.ABORTED, journal.latest().orElseThrow().state());
    }

    private void walkTo(long attempt, CutoverState last) throws SQLException {
        CutoverState[] path = {CutoverState.FREEZING, CutoverState.FROZEN, CutoverState.FENCED, CutoverState.DRAINED,
            CutoverState.VERIFIED, CutoverState.SEQUENCES_SET, CutoverState.REPLICATION_STOPPED,
            CutoverState.WAY_BACK_ARMED};
        for (int i = 0; i + 1 < path.length && path[i] != last; i++) {
            journal.move(attempt, path[i], path[i + 1], new StepRecord("s", 1, "x"), Clock.systemUTC().instant());
        }
    }

    @Test
    void onlyOneAttemptIsUnfinishedAtATime() throws Exception {
        journal.begin(Direction.CUTOVER, "first", Clock.systemUTC().instant());

        CutoverRefused refused = assertThrows(CutoverRefused.class,
                () -> journal.begin(Direction.FAILBACK, "second", Clock.systemUTC().instant()));
        assertTrue(refused.getMessage().contains("unfinished"));
    }

    @Test
    void aDryRunReportsTheGateAndChangesNothing() throws Exception {
        gate.add(() -> GateCheck.Result.fail("dead letters", "3 rows in tandem.dead_letter"));

        CutoverReport report = coordinator(Duration.ofSeconds(3)).dryRun(Direction.CUTOVER);

        assertTrue(report.dryRun());
        assertFalse(report.ready());
        assertNull(report.state());
        assertTrue(report.reason().contains("3 rows in tandem.dead_letter"));
        assertEquals(List.of(), calls);
        assertTrue(journal.latest().isEmpty());
    }

    private boolean grantMarkerExists() throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT to_regclass('public.opened_marker') IS NOT NULL")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private final class RecordingSource implements SourceSide {
        volatile boolean failFreeze;
        volatile boolean endMovesAfterFence;
        volatile HookConfig.Step failHook;

        @Override
        public void freeze() throws SQLException {
            calls.add("freeze");
            nanos.addAndGet(Duration.ofMillis(100).toNanos());
            if (failFreeze) {
                throw new SQLException("Lock wait timeout exceeded; try restarting transaction", "HY000", 1205);
            }
        }

        @Override
        public void unfreeze() {
            calls.add("unfreeze");
        }

        @Override
        public String writeFence(String token) {
            calls.add("fence");
            return "binlog.000001:500";
        }

        @Override
        public String writtenAfterFence(String fencePosition) {
            calls.add("log end");
            return endMovesAfterFence ? "log end moved to binlog.000001:777" : null;
        }
    }

    private final class RecordingTarget implements TargetSide {
        volatile boolean fenceArrives = true;
        volatile List<String> differences = List.of();
        volatile Duration verifyTakes = Duration.ofMillis(10);
        volatile boolean failOpen;

        @Override
        public boolean awaitFence(String token, Duration timeout) {
            calls.add("await fence");
            return fenceArrives;
        }

        @Override
        public List<String> verifyChanged(Duration timeout) {
            calls.add("verify");
            nanos.addAndGet(verifyTakes.toNanos());
            return differences;
        }

        @Override
        public List<String> syncSequences() {
            calls.add("sequences");
            return List.of("shop.orders.id next 1001");
        }

        @Override
        public void open(Opening opening) throws Exception {
            opening.commitWith(this::grant);
        }

        void grant(Connection transaction) throws SQLException {
            calls.add("open");
            try (Statement statement = transaction.createStatement()) {
                statement.execute("CREATE TABLE public.opened_marker (x int)");
            }
            if (failOpen) {
                throw new SQLException("role \"app\" does not exist", "42704");
            }
        }

        @Override
        public void closeForApplication() {
            calls.add("close target");
        }
    }

    /** PostgreSQL as the database a failback leaves. */
    private final class RecordingPostgresSource implements SourceSide {
        @Override
        public void freeze() {
            calls.add("revoke app roles");
        }

        @Override
        public void unfreeze() {
            calls.add("grant app roles");
        }

        @Override
        public String writeFence(String token) {
            calls.add("pg fence");
            return "lsn 0/3000060";
        }

        @Override
        public String writtenAfterFence(String fencePosition) {
            calls.add("pg writes after fence");
            return null;
        }
    }

    /** MySQL as the database a failback opens: no transaction shared with the journal. */
    private final class RecordingMySqlTarget implements TargetSide {
        volatile List<String> differences = List.of();

        @Override
        public boolean awaitFence(String token, Duration timeout) {
            calls.add("await mysql fence");
            return true;
        }

        @Override
        public List<String> verifyChanged(Duration timeout) {
            calls.add("verify mysql");
            return differences;
        }

        @Override
        public List<String> syncSequences() {
            calls.add("auto_increment");
            return List.of("shop.orders AUTO_INCREMENT 1001");
        }

        @Override
        public void open(Opening opening) throws Exception {
            opening.commitAround(() -> calls.add("open mysql"));
        }

        @Override
        public void closeForApplication() {
            calls.add("close mysql");
        }
    }
}
