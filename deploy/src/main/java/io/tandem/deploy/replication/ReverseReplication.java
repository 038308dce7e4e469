package io.tandem.deploy.replication;

import io.tandem.connectors.mysql.admin.ControlTables;
import io.tandem.connectors.mysql.admin.SourceAdminLogin;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.jdbc.SourceEndpoint;
import io.tandem.connectors.mysql.jdbc.SourceEndpoints;
import io.tandem.connectors.postgres.stream.PostgresStreamSource;
import io.tandem.connectors.postgres.stream.ReverseMode;
import io.tandem.connectors.postgres.stream.ReverseSourceSettings;
import io.tandem.connectors.postgres.stream.RogueWrite;
import io.tandem.cutover.verify.TouchedKeys;
import io.tandem.engine.config.FailbackConfig;
import io.tandem.engine.config.Secret;
import io.tandem.engine.config.TandemConfig;
import io.tandem.engine.config.TargetConfig;
import io.tandem.engine.lag.HeartbeatLag;
import io.tandem.engine.lag.HeartbeatWriter;
import io.tandem.engine.lag.LagReading;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.pipeline.ApplyListener;
import io.tandem.engine.pipeline.BatchLimits;
import io.tandem.engine.pipeline.PipelineState;
import io.tandem.engine.pipeline.Replication;
import io.tandem.engine.pipeline.ReplicationRuns;
import io.tandem.engine.pipeline.RetryPolicy;
import io.tandem.engine.pipeline.StreamingPipeline;
import io.tandem.engine.pipeline.TandemThreads;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.mysql.apply.MySqlChangeSink;
import io.tandem.sink.mysql.state.MySqlOffsetStore;
import io.tandem.sink.mysql.state.ReverseOffsetTable;
import io.tandem.sink.postgres.PostgresTargetOptions;
import io.tandem.sink.postgres.wayback.ForwardOrigins;
import io.tandem.sink.postgres.wayback.ReplicaIdentity;
import io.tandem.sink.postgres.wayback.ReverseHeartbeatTable;
import io.tandem.sink.postgres.wayback.ReversePublication;
import io.tandem.sink.postgres.wayback.ReverseSlot;
import io.tandem.sink.postgres.wayback.SlotBlocker;
import io.tandem.sink.postgres.wayback.SlotState;
import io.tandem.sink.postgres.wayback.SlotStatus;
import io.tandem.sink.postgres.wayback.TargetConnector;
import io.tandem.sink.postgres.wayback.WayBackArming;
import io.tandem.sink.postgres.wayback.WayBackChecks;
import io.tandem.sink.postgres.wayback.WayBackFinding;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way back, PostgreSQL to MySQL, wired in one place ({@code CUTOVER.md} §4, §7 P3–P5), armed in three stages:
 * <ol>
 * <li>{@link #prepare()}, before forward replication opens PostgreSQL: the checks, and the replication origins the
 *     forward sink's sessions tag their commits with, so that the reverse stream can leave tandem's own writes
 *     out;</li>
 * <li>{@link #arm}, once the snapshot is done: the reverse control tables, FULL replica identity, the publication,
 *     and the logical slot, created on its own thread since its creation waits for every write transaction open on
 *     PostgreSQL at that moment (never inside a cutover);</li>
 * <li>once the slot exists, the reverse stream: Debezium's PostgreSQL connector into the MySQL sink, which stores
 *     the position in MySQL in the same transaction as the rows. Before a cutover it runs in shadow mode: it applies
 *     only tandem's heartbeats, which keep the slot from holding WAL, and reports any other write to a replicated
 *     table as a rogue write. The cutover switches it to apply; a failback switches it back.</li>
 * </ol>
 * The way back failing never stops forward replication: its state and reason are in {@code /status}, and the
 * cutover's gate refuses while it is not streaming.
 */
public final class ReverseReplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReverseReplication.class);
    /** Rows per statement on MySQL; the MySQL writer also cuts its statements below the placeholder limit. */
    private static final int CHUNK_ROWS = 1000;

    /** Where the way back stands, for the status and the cutover's gate. */
    public enum Phase {
        /** Not started yet. */
        NEW,
        /** A check failed: the way back cannot be armed until the reason is fixed and tandem restarted. */
        UNAVAILABLE,
        /** Publication and slot being set up; the slot may be waiting for open transactions. */
        ARMING,
        /** The reverse stream runs. */
        STREAMING,
        /** The reverse stream failed; the reason is in the status. */
        FAILED
    }

    private final TandemConfig config;
    private final FailbackConfig failback;
    private final Clock clock;
    private final ReplicationRuns runs;
    private final HeartbeatLag lag;
    private final ExecutorService arming;
    private final AtomicLong heartbeatFailures = new AtomicLong();
    private volatile Phase phase = Phase.NEW;
    private volatile String reason;
    private volatile List<WayBackFinding> findings = List.of();
    private volatile ReverseSlot slot;
    private volatile PostgresStreamSource stream;
    private volatile HeartbeatWriter heartbeat;
    private volatile MySqlChangeSink sink;
    private volatile ReverseMode mode = ReverseMode.SHADOW;
    /** Where the definitions come from (the forward target's), and those the running stream was armed with. */
    private volatile Supplier<Map<TableId, TargetTable>> definitions;
    private volatile Map<TableId, TargetTable> armedWith = Map.of();
    /** The keys the reverse sink committed, for the failback's verify step. */
    private final TouchedKeys touchedKeys;
    private final ReverseApplied applied;
    private final RogueWriteLog rogueWrites = new RogueWriteLog();
    private volatile SlotStatus lastSlotStatus;
    private volatile Instant slotStatusReadAt;

    public ReverseReplication(TandemConfig config, Clock clock) {
        this.config = config;
        this.failback = config.failback();
        this.clock = clock;
        this.runs = new ReplicationRuns("reverse", clock);
        this.lag = new HeartbeatLag(clock, config.lag().heartbeatInterval());
        this.touchedKeys = new TouchedKeys(config.verify().maxTrackedKeys());
        this.applied = new ReverseApplied(lag);
        this.arming = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tandem-way-back");
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler(TandemThreads.LOG_UNCAUGHT);
            return thread;
        });
    }

    /**
     * Stage 1: runs the checks; when none fails, creates the forward origins. Returns whether forward replication
     * must tag its sessions with them.
     */
    public boolean prepare() {
        try (Connection connection = connector().open()) {
            findings = new WayBackChecks(failback.slot(), originCount(), config.cutover().targetAppRoles())
                    .run(connection);
            findings.stream().filter(f -> f.verdict() != WayBackFinding.Verdict.PASS)
                    .forEach(f -> LOG.warn("way back: {}: {}", f.check(), f.message()));
            List<String> failed = findings.stream().filter(f -> f.verdict() == WayBackFinding.Verdict.FAIL)
                    .map(f -> f.check() + ": " + f.message()).toList();
            if (!failed.isEmpty()) {
                unavailable(String.join("; ", failed));
                return false;
            }
            ForwardOrigins.ensure(connection, originCount());
            return true;
        } catch (SQLException e) {
            unavailable("the checks could not run on PostgreSQL: " + e.getMessage());
            return false;
        }
    }

    /**
     * Stage 2 and 3, in the background: arms the way back for {@code tables} (the definitions tandem writes them
     * with) and starts the reverse stream in {@code initialMode} once the slot exists.
     */
    public void arm(Supplier<Map<TableId, TargetTable>> tables, ReverseMode initialMode) {
        if (phase == Phase.UNAVAILABLE) {
            return;
        }
        mode = initialMode;
        definitions = tables;
        phase = Phase.ARMING;
        arming.execute(() -> {
            try {
                armAndStream(tables.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | Error e) {
                failed("arming the way back failed: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Arms again with the definitions as they are now, in the background: tables created or changed by forward
     * replication since the stream started must be published, and decoded with their new columns, before a cutover
     * lets the application write to them on PostgreSQL. Only while shadowing: nothing is applied meanwhile.
     */
    private void rearm() {
        if (phase != Phase.STREAMING || mode != ReverseMode.SHADOW) {
            return;
        }
        phase = Phase.ARMING;
        LOG.info("the replicated tables changed since the way back was armed: arming it again");
        arming.execute(() -> {
            try {
                runs.current().close();
                armAndStream(definitions.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | Error e) {
                failed("arming the way back again failed: " + e.getMessage(), e);
            }
        });
    }

    private void armAndStream(Map<TableId, TargetTable> tables) throws Exception {
        armedWith = Map.copyOf(tables);
        try (Connection mysql = new SourceConnections(adminEndpoint()).open()) {
            new ControlTables(config.source().controlDatabase()).createReverse(mysql);
        }
        ReverseSlot previous = slot;
        if (previous != null) {
            previous.close(); // its threads; the slot itself stays
        }
        slot = new ReverseSlot(connector(), failback.slot(), clock, Duration.ofSeconds(1), Duration.ofSeconds(30));
        WayBackArming.Report report = new WayBackArming(connector(), new ReplicaIdentity(Duration.ofSeconds(2), 5,
                Duration.ofSeconds(1)), new ReversePublication(failback.publication()), originCount(), slot)
                .arm(tables.values());
        if (!report.identity().busy().isEmpty()) {
            LOG.warn("way back: {} could not get FULL replica identity (busy); they are not published yet and the "
                    + "reverse stream leaves them out until tandem restarts", report.identity().busy());
        }
        while (slot.state().phase() != SlotState.Phase.READY) {
            SlotState state = slot.await(Duration.ofSeconds(5));
            if (state.phase() == SlotState.Phase.FAILED) {
                throw new IllegalStateException("creating the slot " + failback.slot() + " failed: "
                        + state.failure());
            }
        }
        startStream(tables);
    }

    private void startStream(Map<TableId, TargetTable> tables) throws SQLException {
        Replication run = runs.startable();
        run.moveTo(PipelineState.STARTING, PipelineState.CHECKING);
        SourceEndpoint mysql = adminEndpoint();
        ServerInfo server = new SourceConnections(mysql).serverInfo();
        ControlTables control = new ControlTables(config.source().controlDatabase());
        sink = new MySqlChangeSink(mysql, server, control, CHUNK_ROWS);
        run.closeLast(sink);
        StreamingPipeline pipeline = new StreamingPipeline(sink, batchLimits(), retryPolicy(),
                ApplyListener.both(applied, touchedKeys));
        pipeline.start();
        PostgresStreamSource source = new PostgresStreamSource(sourceSettings(), tables,
                new MySqlOffsetStore(mysql, new ReverseOffsetTable(control)), mode, rogueWrites,
                pipeline::accept);
        stream = source;
        source.start();
        run.moveTo(PipelineState.CHECKING, PipelineState.STREAMING);
        run.streaming(source, pipeline);
        run.terminated().whenComplete((ignored, error) -> {
            if (error != null) {
                failed("the reverse stream failed: " + run.lastError(), null);
            }
        });
        heartbeat = new HeartbeatWriter(new ReverseHeartbeatTable(connector()), config.name(),
                config.lag().heartbeatInterval(), clock, lag, heartbeatFailures::incrementAndGet);
        run.closeLast(heartbeat);
        heartbeat.start();
        phase = Phase.STREAMING;
        reason = null;
        LOG.info("way back armed: the reverse stream runs in {} mode from slot {}", mode, failback.slot());
    }

    /** Row changes and truncates the reverse stream committed on MySQL since tandem started. */
    public long eventsApplied() {
        return applied.events();
    }

    /** Application row changes applied after {@code token}; -1 when the token is not the last one applied. */
    public long rowsAppliedAfter(String token) {
        return applied.rowsAfter(token);
    }

    /** The keys the reverse sink committed since the cutover (or since tandem started, then every table dirty). */
    public TouchedKeys touchedKeys() {
        return touchedKeys;
    }

    /**
     * From shadow to apply (a cutover arms the way back) or back (a failback, an aborted cutover). The switch takes
     * effect from the next change decoded; the callers switch while both databases are closed to the application.
     */
    public void switchMode(ReverseMode next) {
        mode = next;
        PostgresStreamSource current = stream;
        if (current != null) {
            current.switchMode(next);
        }
    }

    public ReverseMode mode() {
        return mode;
    }

    /**
     * Why the reverse stream cannot serve a switch that expects it in {@code expected} mode, in words for the
     * operator; null when it can.
     */
    public String notReadyFor(ReverseMode expected) {
        return switch (phase) {
            case NEW -> "the way back is not armed yet: it is armed once the snapshot is done";
            case UNAVAILABLE -> "the way back cannot be armed: " + reason + " (or set failback.enabled: false for a"
                    + " one-way cutover)";
            case ARMING -> slot != null && slot.state().phase() == SlotState.Phase.CREATING
                    ? "the reverse slot is still being created: it waits for " + slot.state().blockers().stream()
                            .map(SlotBlocker::describe).collect(Collectors.joining("; "))
                    : "the way back is being armed";
            case FAILED -> "the reverse stream failed: " + reason;
            case STREAMING -> runs.state() != PipelineState.STREAMING
                    ? "the reverse stream is " + runs.state() + ", not STREAMING"
                    : mode != expected ? "the reverse stream is in " + mode + " mode, not " + expected
                    : tablesChanged() ? "the replicated tables changed since the way back was armed; it is being"
                            + " armed again" : null;
        };
    }

    /** Whether forward replication's definitions moved on (a table created, altered or dropped); then re-arms. */
    private boolean tablesChanged() {
        Supplier<Map<TableId, TargetTable>> current = definitions;
        if (current == null || mode != ReverseMode.SHADOW || current.get().equals(armedWith)) {
            return false;
        }
        rearm();
        return true;
    }

    public Phase phase() {
        return phase;
    }

    /** Why the way back is unavailable or failed, or null. */
    public String reason() {
        return reason;
    }

    /** What the cutover and failback drive: pause, resume, state; always the current reverse run. */
    public ReplicationRuns handle() {
        return runs;
    }

    /** The heartbeat writer on PostgreSQL, or null before the stream runs. */
    public HeartbeatWriter heartbeat() {
        return heartbeat;
    }

    public LagReading lag() {
        return lag.read();
    }

    /** What {@code /status} shows under {@code failback}. */
    public ReverseStatus status() {
        SlotState slotState = slot == null ? null : slot.state();
        List<RogueWrite> rogue = rogueWrites.latest();
        PostgresStreamSource current = stream;
        LagReading reading = lag.read();
        SlotStatus slotStatus = slotStatus();
        boolean walAlarm = slotStatus != null && slotStatus.retainedWalBytes() != null
                && slotStatus.retainedWalBytes() > failback.maxRetainedWalBytes();
        return new ReverseStatus(failback.enabled(), phase.name(), reason, mode.name(), runs.state().name(),
                runs.appliedPosition().map(SourcePosition::description).orElse(null),
                slotState == null ? null : slotState.phase().name(),
                slotState == null || slotState.phase() != SlotState.Phase.CREATING ? List.of()
                        : slotState.blockers().stream().map(SlotBlocker::describe).toList(),
                slotStatus == null ? null : slotStatus.retainedWalBytes(), walAlarm,
                slotStatus == null ? null : slotStatus.confirmedFlushLsn(),
                current == null ? 0 : current.forwardEventsFiltered(), current == null ? 0 : current.rogueWrites(),
                rogue, reading.lagSeconds(), reading.p99Seconds(), heartbeatFailures.get(),
                findings.stream().filter(f -> f.verdict() != WayBackFinding.Verdict.PASS)
                        .map(f -> f.verdict() + " " + f.check() + ": " + f.message()).toList());
    }

    /** The slot's numbers, read at most every five seconds (the status page polls every second). */
    private SlotStatus slotStatus() {
        Instant now = clock.instant();
        if (slot == null || slot.state().phase() != SlotState.Phase.READY) {
            return null;
        }
        if (slotStatusReadAt == null || slotStatusReadAt.plusSeconds(5).isBefore(now)) {
            slotStatusReadAt = now;
            try (Connection connection = connector().open()) {
                lastSlotStatus = SlotStatus.read(connection, failback.slot()).orElse(null);
            } catch (SQLException e) {
                LOG.debug("reading the reverse slot's status failed", e);
            }
        }
        return lastSlotStatus;
    }

    private void unavailable(String why) {
        phase = Phase.UNAVAILABLE;
        reason = why;
        LOG.warn("the way back is not armed: {}. Forward replication runs; the cutover refuses until this is fixed"
                + " (or failback.enabled is false)", why);
    }

    private void failed(String why, Throwable cause) {
        phase = Phase.FAILED;
        reason = why;
        LOG.error("{}; forward replication is not affected, the cutover refuses until the way back runs again", why,
                cause);
    }

    private int originCount() {
        return forwardOriginCount(config);
    }

    /** Forward origins: as many as the forward target's pool tags its sessions with (PostgresTargetOptions). */
    public static int forwardOriginCount(TandemConfig config) {
        return PostgresTargetOptions.defaults().withSnapshotParallelism(config.snapshot().parallelism())
                .forwardOriginCount();
    }

    /** The reverse stream writes MySQL while it is read-only: with the cutover's admin login. */
    private SourceEndpoint adminEndpoint() throws SQLException {
        return SourceAdminLogin.endpoint(SourceEndpoints.fromConfig(config.source()), config.cutover());
    }

    private TargetConnector connector() {
        return connector(config.target());
    }

    /** Sessions of the way back on PostgreSQL (checks, arming, slot, heartbeats), as tandem's target role. */
    public static TargetConnector connector(TargetConfig target) {
        return () -> {
            Properties properties = new Properties();
            properties.setProperty("user", target.user());
            target.password().map(Secret::reveal).ifPresent(p -> properties.setProperty("password", p));
            properties.setProperty("ApplicationName", "tandem-way-back");
            properties.setProperty("logServerErrorDetail", "false");
            return DriverManager.getConnection(target.jdbcUrl(), properties);
        };
    }

    private ReverseSourceSettings sourceSettings() {
        Secret password = config.target().password().orElse(Secret.of(""));
        return new ReverseSourceSettings(config.name(), config.target().host(), config.target().port(),
                config.target().database(), config.target().user(), password, sslMode(config.target().sslMode()),
                sslFiles(config.target()), failback.slot(),
                failback.publication(), "tandem", 2048, 8192, Duration.ofSeconds(30));
    }

    private BatchLimits batchLimits() {
        return new BatchLimits(config.apply().batchMaxRows(), config.apply().batchMaxBytes(),
                config.apply().maxBatchWait(), config.apply().queueMaxBytes());
    }

    private RetryPolicy retryPolicy() {
        return new RetryPolicy(config.retry().maxAttempts(), config.retry().initialBackoff(),
                config.retry().maxBackoff());
    }

    @Override
    public void close() {
        arming.shutdownNow();
        ReverseSlot current = slot;
        if (current != null) {
            current.close();
        }
        runs.current().close();
    }

    /** The certificate files {@code target.url} names, which the reverse stream's own connection needs too. */
    private static Map<String, String> sslFiles(TargetConfig target) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : List.of("sslrootcert", "sslcert", "sslkey")) {
            target.urlParameter(name).ifPresent(file -> files.put(name, file));
        }
        return files;
    }

    /** The target's TLS mode as pgjdbc's {@code sslmode}, which Debezium's PostgreSQL connector takes as it is. */
    private static String sslMode(TargetConfig.SslMode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

}
