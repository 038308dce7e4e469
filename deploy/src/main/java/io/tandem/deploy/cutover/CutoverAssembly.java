package io.tandem.deploy.cutover;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tandem.connectors.mysql.admin.BinlogStatus;
import io.tandem.connectors.mysql.stream.StreamStart;
import io.tandem.connectors.postgres.stream.ReverseMode;
import io.tandem.cutover.gate.WayBackStreaming;
import io.tandem.cutover.mysql.FrozenWhileReplica;
import io.tandem.cutover.mysql.MySqlFailbackTarget;
import io.tandem.cutover.postgres.PostgresFailbackSource;
import io.tandem.deploy.replication.ReverseReplication;
import io.tandem.engine.model.TableId;
import io.tandem.engine.pipeline.PipelineState;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.mysql.state.ReverseControlRows;
import java.util.Map;
import io.tandem.connectors.mysql.admin.ControlTables;
import io.tandem.connectors.mysql.admin.SourceAdminLogin;
import io.tandem.connectors.mysql.admin.SourceFence;
import io.tandem.connectors.mysql.admin.SourceFreeze;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.jdbc.SourceEndpoints;
import io.tandem.cutover.CutoverCoordinator;
import io.tandem.cutover.CutoverJournal;
import io.tandem.cutover.Direction;
import io.tandem.cutover.GateCheck;
import io.tandem.cutover.Pausable;
import io.tandem.cutover.TargetConnections;
import io.tandem.cutover.WayBack;
import io.tandem.cutover.gate.ApplicationFenced;
import io.tandem.cutover.gate.ForwardStreaming;
import io.tandem.cutover.gate.LagBelow;
import io.tandem.cutover.gate.NoDeadLetters;
import io.tandem.cutover.gate.NoResyncRunning;
import io.tandem.cutover.gate.VerificationPassed;
import io.tandem.cutover.hook.ConfiguredHooks;
import io.tandem.cutover.hook.HookRunner;
import io.tandem.cutover.mysql.MySqlSourceSide;
import io.tandem.cutover.postgres.PostgresTargetSide;
import io.tandem.cutover.postgres.TargetTableName;
import io.tandem.cutover.verify.ChangedRowsVerifier;
import io.tandem.cutover.verify.VerificationService;
import io.tandem.cutover.verify.VerifySetup;
import io.tandem.deploy.replication.ForwardReplication;
import io.tandem.deploy.replication.ResyncRoutes;
import io.tandem.connectors.mysql.resync.ResyncStatus;
import io.tandem.engine.config.CutoverConfig;
import io.tandem.engine.config.Secret;
import io.tandem.engine.config.TandemConfig;
import io.tandem.sink.postgres.state.PostgresStateStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cutover, assembled from the configuration and the running forward replication: the coordinator with its
 * source side (the admin login's freeze and fence), its target side (fence, verification, sequences, grants), the
 * hooks and the gate. It keeps its own two connections to the target, apart from the sink's pool, so that a busy
 * sink never delays a step inside the write pause.
 */
public final class CutoverAssembly implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CutoverAssembly.class);
    /** SequenceSync locks each table briefly; this long, at most, inside the write pause. */
    private static final Duration SEQUENCE_LOCK_TIMEOUT = Duration.ofMillis(500);
    /** How often MySQL is checked to be still frozen while PostgreSQL is the application's database. */
    private static final Duration FROZEN_CHECK_INTERVAL = Duration.ofSeconds(5);

    private final HikariDataSource targetPool;
    /** The verifiers of the two switches' verify steps (each with its own connections) and the freeze guard. */
    private final List<AutoCloseable> verifiers;
    private final CutoverCoordinator coordinator;
    private final PostgresTargetSide targetSide;
    private final PostgresStateStore state;

    private CutoverAssembly(HikariDataSource targetPool, List<AutoCloseable> verifiers,
                            CutoverCoordinator coordinator, PostgresTargetSide targetSide, PostgresStateStore state) {
        this.targetPool = targetPool;
        this.verifiers = List.copyOf(verifiers);
        this.coordinator = coordinator;
        this.targetSide = targetSide;
        this.state = state;
    }

    /**
     * @param verification the daemon's verifier: its last pass is part of the cutover's gate
     * @param reverse the way back, or null when failback is not enabled (the cutover is then one-way)
     * @param afterFailback what the daemon does once a failback committed: forward replication runs again
     */
    public static CutoverAssembly create(TandemConfig config, ForwardReplication forward, ReverseReplication reverse,
                                         Clock clock, VerificationService verification, Runnable afterFailback)
            throws SQLException {
        CutoverConfig cutover = config.cutover();
        HikariDataSource pool = targetPool(config);
        List<AutoCloseable> verifiers = new ArrayList<>();
        try {
            TargetConnections target = pool::getConnection;
            SourceConnections admin = new SourceConnections(SourceAdminLogin.endpoint(
                    SourceEndpoints.fromConfig(config.source()), cutover));
            ServerInfo server = admin.serverInfo();
            SourceFreeze freeze = new SourceFreeze(admin, server, cutover.lockWaitTimeout(),
                    SourceAdminLogin.appAccounts(cutover));
            ControlTables controlTables = new ControlTables(config.source().controlDatabase());
            SourceFence adminFence = new SourceFence(admin::open, controlTables, clock);
            PostgresStateStore state = new PostgresStateStore(pool);
            // Inside the pause: the rows written since the last clean verification pass, and every table's count.
            ChangedRowsVerifier changedRows = new ChangedRowsVerifier(VerifySetup.open(config), forward.touchedKeys(),
                    forward.handle()::appliedPosition);
            verifiers.add(changedRows);
            PostgresTargetSide targetSide = new PostgresTargetSide(target,
                    () -> state.tableDefinitions().values().stream()
                            .map(table -> new TargetTableName(table.schema(), table.name())).toList(),
                    cutover.targetAppRoles(), changedRows, SEQUENCE_LOCK_TIMEOUT, clock);
            List<GateCheck> gate = new ArrayList<>(List.of(
                    new ForwardStreaming(forward.handle()),
                    new LagBelow(() -> forward.metrics().tandemMetrics().lag(), cutover.maxLag()),
                    new NoDeadLetters(target, cutover.allowDeadLetters()),
                    new NoResyncRunning(() -> unfinishedResyncs(forward)),
                    new VerificationPassed(verification),
                    new ApplicationFenced(freeze, target, targetSide::gate)));
            if (reverse != null) {
                gate.add(new WayBackStreaming(() -> reverse.notReadyFor(ReverseMode.SHADOW)));
            }
            CutoverCoordinator.Switch toPostgres = new CutoverCoordinator.Switch(Direction.CUTOVER,
                    new MySqlSourceSide(freeze, adminFence, server), targetSide, forward.handle(),
                    reverse == null ? heartbeatOf(forward) : both(heartbeatOf(forward), reverseQuiet(reverse)),
                    reverse == null ? WayBack.NONE : reverseApplies(reverse, freeze, server),
                    gate, cutover.maxPause(), () -> {
                        forward.handle().stop();
                        if (reverse != null) {
                            reverseQuiet(reverse).resume();
                        }
                    });
            CutoverCoordinator.Switch toMySql = null;
            if (reverse != null) {
                ChangedRowsVerifier reverseRows = new ChangedRowsVerifier(VerifySetup.open(config),
                        reverse.touchedKeys(), reverse.handle()::appliedPosition);
                verifiers.add(reverseRows);
                toMySql = new CutoverCoordinator.Switch(Direction.FAILBACK,
                        new PostgresFailbackSource(target, targetSide, cutover.targetAppRoles(),
                                reverse::rowsAppliedAfter, clock),
                        new MySqlFailbackTarget(admin, freeze, new ReverseControlRows(controlTables), reverseRows,
                                () -> List.copyOf(state.tableDefinitions().keySet())),
                        reverse.handle(), reverseHeartbeatOf(reverse), forwardResumes(config, freeze, state),
                        List.of(new WayBackStreaming(() -> reverse.notReadyFor(ReverseMode.APPLY)),
                                LagBelow.reverse(reverse::lag, config.failback().maxLag())),
                        config.failback().maxPause(), afterFailback);
            }
            CutoverCoordinator coordinator = new CutoverCoordinator(new CutoverJournal(target),
                    new ConfiguredHooks(new HookRunner(cutover)), toPostgres, toMySql, clock, System::nanoTime);
            FrozenWhileReplica mysqlFrozen = new FrozenWhileReplica(coordinator, freeze);
            mysqlFrozen.start(FROZEN_CHECK_INTERVAL);
            verifiers.add(mysqlFrozen);
            return new CutoverAssembly(pool, verifiers, coordinator, targetSide, state);
        } catch (SQLException | RuntimeException e) {
            verifiers.forEach(CutoverAssembly::closeQuietly);
            pool.close();
            throw e;
        }
    }

    /**
     * The cutover's way back (C7): from the fence on, the reverse stream applies PostgreSQL's writes to MySQL; its
     * touched keys start from this instant, when both sides were just found equal. On MySQL 8 the fence set
     * {@code super_read_only}, which would stop the reverse stream's admin login too: off again, {@code read_only}
     * stays on for everyone else.
     */
    private static WayBack reverseApplies(ReverseReplication reverse, SourceFreeze freeze, ServerInfo server) {
        return new WayBack() {
            @Override
            public String arm() throws SQLException {
                reverse.touchedKeys().equalNow();
                reverse.switchMode(ReverseMode.APPLY);
                if (!server.isMariaDb()) {
                    freeze.setSuperReadOnly(false); // untested here: no MySQL 8 server on this machine
                }
                return "the reverse stream applies PostgreSQL's writes to MySQL from here";
            }

            @Override
            public void disarm() {
                reverse.switchMode(ReverseMode.SHADOW);
            }
        };
    }

    /**
     * The failback's way back: forward replication will resume from MySQL's log end now, with MySQL frozen and
     * holding everything PostgreSQL committed, so the reverse stream's own writes are behind it and no snapshot is
     * needed. Nothing to undo on abort: the offset only counts once MySQL is the application's database again.
     */
    private static WayBack forwardResumes(TandemConfig config, SourceFreeze freeze, PostgresStateStore state) {
        return new WayBack() {
            @Override
            public String arm() throws SQLException {
                BinlogStatus end = freeze.finalPosition();
                StreamStart start = StreamStart.at(config.name(), end.position(), end.gtidSet().orElse(null));
                state.resumeForwardFrom(start.partition(), start.offset(), end.toString());
                return "forward replication resumes from MySQL at " + end;
            }

            @Override
            public void disarm() {
            }
        };
    }

    /**
     * Nothing of the reverse stream reaches MySQL while a cutover holds it frozen (its log end must not move after
     * the fence): its heartbeat pauses, and its apply loop waits for the batch in flight and then holds. It goes on
     * once the cutover committed (applying from then on) or rolled back (shadowing again).
     */
    private static Pausable reverseQuiet(ReverseReplication reverse) {
        return new Pausable() {
            @Override
            public void pause() {
                reverseHeartbeatOf(reverse).pause();
                if (reverse.handle().state() == PipelineState.STREAMING) {
                    reverse.handle().pause();
                }
            }

            @Override
            public void resume() {
                if (reverse.handle().state() == PipelineState.PAUSED) {
                    reverse.handle().resume();
                }
                reverseHeartbeatOf(reverse).resume();
            }
        };
    }

    private static Pausable both(Pausable first, Pausable second) {
        return new Pausable() {
            @Override
            public void pause() {
                first.pause();
                second.pause();
            }

            @Override
            public void resume() {
                second.resume();
                first.resume();
            }
        };
    }

    /** The reverse heartbeat writes on PostgreSQL, which the failback freezes: it pauses with it. */
    private static Pausable reverseHeartbeatOf(ReverseReplication reverse) {
        return new Pausable() {
            @Override
            public void pause() {
                if (reverse.heartbeat() != null) {
                    reverse.heartbeat().pause();
                }
            }

            @Override
            public void resume() {
                if (reverse.heartbeat() != null) {
                    reverse.heartbeat().resume();
                }
            }
        };
    }

    /** One line per table being copied again: its phase and progress, or why its copy failed. */
    private static List<String> unfinishedResyncs(ForwardReplication forward) {
        return ResyncRoutes.unfinished(forward.resyncStatus()).stream().map(CutoverAssembly::describe).toList();
    }

    private static String describe(ResyncStatus resync) {
        String copied = String.format("%,d", resync.rowsCopied())
                + (resync.estimatedRows() > 0 ? String.format(" of ~%,d", resync.estimatedRows()) : "") + " rows";
        return resync.table() + " is being copied again (resync " + resync.id() + "): " + switch (resync.phase()) {
            case "copying" -> "copying, " + copied;
            case "copied" -> "copied, " + copied + ", waiting to be swapped in";
            case "failed" -> "its copy failed: " + resync.failure();
            default -> resync.phase();
        };
    }

    /** The heartbeat writer exists once the forward replication's checks passed; before that nothing writes. */
    private static Pausable heartbeatOf(ForwardReplication forward) {
        return new Pausable() {
            @Override
            public void pause() {
                if (forward.sourceControl() != null) {
                    forward.sourceControl().heartbeat().pause();
                }
            }

            @Override
            public void resume() {
                if (forward.sourceControl() != null) {
                    forward.sourceControl().heartbeat().resume();
                }
            }
        };
    }

    private static HikariDataSource targetPool(TandemConfig config) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("tandem-cutover");
        pool.setJdbcUrl(config.target().jdbcUrl());
        pool.setUsername(config.target().user());
        config.target().password().map(Secret::reveal).ifPresent(pool::setPassword);
        pool.setMaximumPoolSize(3);
        pool.setMinimumIdle(0);
        // Off, as the sink's pool: the state store reads in transactions it commits. The cutover's own steps set
        // their transactions explicitly.
        pool.setAutoCommit(false);
        pool.addDataSourceProperty("ApplicationName", "tandem-cutover");
        pool.addDataSourceProperty("logServerErrorDetail", "false");
        return new HikariDataSource(pool);
    }

    public CutoverCoordinator coordinator() {
        return coordinator;
    }

    /** The definitions tandem writes each table with, as committed on the target. */
    public Map<TableId, TargetTable> tableDefinitions() {
        return state.tableDefinitions();
    }

    /**
     * Takes writes on the replicated tables away from the application roles, so that the application cannot write
     * to PostgreSQL before the cutover opens it. Run at start, unless PostgreSQL is already the application's.
     */
    public void fenceApplicationOnTarget(CutoverConfig cutover) throws SQLException {
        if (cutover.targetAppRoles().isEmpty()) {
            return;
        }
        targetSide.closeForApplication();
        LOG.info("application roles {} cannot write on the replicated tables until the cutover opens PostgreSQL",
                cutover.targetAppRoles());
    }

    @Override
    public void close() {
        verifiers.forEach(CutoverAssembly::closeQuietly);
        targetPool.close();
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString(), e);
        }
    }
}
