package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.deploy.demo.ServersConfig;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.TandemConfig;
import io.tandem.engine.pipeline.Holdpoint;
import io.tandem.engine.status.PipelineStatus;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The heartbeat lag end to end on real servers: small on an idle source, rising while the binlog reader, the apply
 * loop or PostgreSQL stands still, back down afterwards; and a fence token written on the source is awaited on the
 * target. One daemon for the class; every test leaves it streaming and caught up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeartbeatLagReplicationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Well above an idle reading (interval + batch wait + commit), well below what a stall reaches in a test. */
    private static final double SMALL = 1.0;
    private static final double STALLED = 2.5;

    private SourceFixture fixture;
    private TandemConfig config;
    private Daemon daemon;

    @BeforeAll
    void start() throws Exception {
        System.setProperty("tandem.test-hooks", "true");
        fixture = SourceFixture.withoutSakila("lag");
        fixture.onSource("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO items VALUES (1, 'one')");
        config = ServersConfig.builder("lag-" + fixture.database.replace('_', '-'), fixture.source,
                        fixture.database, fixture.target, fixture.targetDatabase)
                .set("lag.heartbeat-interval", "100ms").build();
        daemon = Daemon.start(config, line -> { }, 60_000);
        awaitLagBelow(SMALL);
    }

    @AfterAll
    void stop() {
        Holdpoint.BINLOG_BATCH.release();
        if (daemon != null) {
            daemon.close();
        }
    }

    private PipelineStatus status() {
        return daemon.replication().status().get();
    }

    private void awaitLagBelow(double seconds) {
        Await.until("heartbeat lag below " + seconds + " s", WAIT, () -> {
            Double lag = status().lagSeconds();
            return lag != null && lag < seconds;
        });
    }

    /** Lag and the sequence gap both say "stalled" within the deadline, with heartbeats still being written. */
    private void awaitStalled(String what) {
        Await.until("heartbeat lag above " + STALLED + " s and a growing seq gap while " + what, WAIT, () -> {
            PipelineStatus status = status();
            return status.lagSeconds() != null && status.lagSeconds() > STALLED
                    && status.heartbeatSeqGap() != null && status.heartbeatSeqGap() > 10;
        });
    }

    @Test
    void lagIsSmallOnAnIdleSourceAndExposedInStatusAndMetrics() throws Exception {
        awaitLagBelow(SMALL);
        Await.until("percentiles over the idle minute", WAIT, () -> {
            PipelineStatus status = status();
            return status.lagP99Seconds() != null && status.lagP99Seconds() < STALLED
                    && status.heartbeatSeqGap() != null && status.heartbeatSeqGap() <= 5
                    && !status.lagSeries().isEmpty();
        });

        JsonNode json = new ObjectMapper().readTree(ControlHttp.get(daemon.control().address(), "/status"));
        assertTrue(json.get("lagSeconds").isNumber(), json.toString());
        assertTrue(json.get("lagP50Seconds").isNumber(), json.toString());
        assertTrue(json.get("lagP99Seconds").isNumber(), json.toString());
        assertTrue(json.get("heartbeatSeqGap").isNumber(), json.toString());
        assertTrue(json.at("/lagSeries/0/maxLagSeconds").isNumber(), json.toString());
        String metrics = ControlHttp.get(daemon.control().address(), "/metrics");
        for (String name : List.of("tandem_lag_seconds ", "tandem_lag_p50_seconds ", "tandem_lag_p99_seconds ",
                "tandem_heartbeat_seq_gap ", "tandem_apply_backlog_seconds ")) {
            assertTrue(metrics.contains("\n" + name), name + " in\n" + metrics);
        }
        // tandem's control rows stay out of the application schema on the target.
        assertEquals(List.of(List.of("items")), fixture.targetRows("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = '" + fixture.database + "'"));
    }

    @Test
    void lagRisesWhileTheApplyLoopIsPaused() {
        daemon.replication().handle().pause();
        try {
            awaitStalled("the apply loop is paused");
        } finally {
            daemon.replication().handle().resume();
        }
        awaitLagBelow(SMALL);
    }

    @Test
    void lagRisesWhilePostgresHoldsTheHeartbeatTableLocked() throws Exception {
        try (Connection blocker = fixture.target.connect(fixture.targetDatabase)) {
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("LOCK TABLE tandem.heartbeat IN ACCESS EXCLUSIVE MODE");
            }
            try {
                awaitStalled("PostgreSQL blocks the sink's commit");
            } finally {
                blocker.rollback();
            }
        }
        awaitLagBelow(SMALL);
    }

    @Test
    void lagRisesWhileTheBinlogReaderStandsStill() {
        Holdpoint.BINLOG_BATCH.hold();
        try {
            awaitStalled("the binlog reader is held");
            // What the old gauge showed: nothing queued, nothing old; the reader's stall was invisible to it.
            Double backlog = status().applyBacklogSeconds();
            assertTrue(backlog == null || backlog < STALLED, "apply backlog " + backlog);
        } finally {
            Holdpoint.BINLOG_BATCH.release();
        }
        awaitLagBelow(SMALL);
    }

    @Test
    void afterARestartTheLagStartsFromTheLastHeartbeatTheTargetCommitted() throws Exception {
        awaitLagBelow(SMALL);
        daemon.close();
        Instant stopped = Instant.now();
        daemon = Daemon.start(config, line -> { }, 60_000);
        // Known at once (not unknown until a new heartbeat arrives), and it includes the time tandem was down.
        Double lag = status().lagSeconds();
        assertTrue(lag != null && lag >= Duration.between(stopped, Instant.now()).toMillis() / 1000.0 - SMALL,
                "lag right after the restart: " + lag);
        awaitLagBelow(SMALL);
    }

    @Test
    void aFenceTokenWrittenOnTheSourceIsAwaitedOnTheTarget() throws Exception {
        fixture.onSource("INSERT INTO items VALUES (2, 'two')", "UPDATE items SET name = 'uno' WHERE id = 1");
        String token = daemon.replication().sourceControl().fence().write();
        daemon.replication().targetFence().await(token, Instant.now().plus(WAIT));
        // Everything committed before the token is there, without waiting any further.
        assertEquals(List.of(List.of("1", "uno"), List.of("2", "two")),
                fixture.targetRows("SELECT id, name FROM \"" + fixture.database + "\".items ORDER BY id"));
        assertThrows(java.sql.SQLException.class, () -> daemon.replication().sourceControl().fence().write(token),
                "a token fences once");
    }
}
