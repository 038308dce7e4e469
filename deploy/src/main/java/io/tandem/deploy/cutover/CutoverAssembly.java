package io.tandem.deploy.cutover;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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

    private final HikariDataSource targetPool;
    private final ChangedRowsVerifier changedRows;
    private final CutoverCoordinator coordinator;
    private final PostgresTargetSide targetSide;

    private CutoverAssembly(HikariDataSource targetPool, ChangedRowsVerifier changedRows,
                            CutoverCoordinator coordinator, PostgresTargetSide targetSide) {
        this.targetPool = targetPool;
        this.changedRows = changedRows;
        this.coordinator = coordinator;
        this.targetSide = targetSide;
    }

    /** @param verification the daemon's verifier: its last pass is part of the gate */
    public static CutoverAssembly create(TandemConfig config, ForwardReplication forward, Clock clock,
                                         VerificationService verification) throws SQLException {
        CutoverConfig cutover = config.cutover();
        HikariDataSource pool = targetPool(config);
        ChangedRowsVerifier changedRows = null;
        try {
            TargetConnections target = pool::getConnection;
            SourceConnections admin = new SourceConnections(SourceAdminLogin.endpoint(
                    SourceEndpoints.fromConfig(config.source()), cutover));
            ServerInfo server = admin.serverInfo();
            SourceFreeze freeze = new SourceFreeze(admin, server, cutover.lockWaitTimeout(),
                    SourceAdminLogin.appAccounts(cutover));
            SourceFence adminFence = new SourceFence(admin::open,
                    new ControlTables(config.source().controlDatabase()), clock);
            PostgresStateStore state = new PostgresStateStore(pool);
            // Inside the pause: the rows written since the last clean verification pass, and every table's count.
            changedRows = new ChangedRowsVerifier(VerifySetup.open(config), forward.touchedKeys(),
                    forward.handle()::appliedPosition);
            PostgresTargetSide targetSide = new PostgresTargetSide(target,
                    () -> state.tableDefinitions().values().stream()
                            .map(table -> new TargetTableName(table.schema(), table.name())).toList(),
                    cutover.targetAppRoles(), changedRows, SEQUENCE_LOCK_TIMEOUT, clock);
            List<GateCheck> gate = new ArrayList<>(List.of(
                    new ForwardStreaming(forward.handle()),
                    new LagBelow(() -> forward.metrics().tandemMetrics().lag(), cutover.maxLag()),
                    new NoDeadLetters(target, cutover.allowDeadLetters()),
                    new VerificationPassed(verification),
                    new ApplicationFenced(freeze, target, targetSide::gate)));
            CutoverCoordinator.Switch toPostgres = new CutoverCoordinator.Switch(Direction.CUTOVER,
                    new MySqlSourceSide(freeze, adminFence, server), targetSide, forward.handle(),
                    heartbeatOf(forward), WayBack.NONE, gate, cutover.maxPause(), forward.handle()::stop);
            CutoverCoordinator coordinator = new CutoverCoordinator(new CutoverJournal(target),
                    new ConfiguredHooks(new HookRunner(cutover)), toPostgres, null, clock, System::nanoTime);
            return new CutoverAssembly(pool, changedRows, coordinator, targetSide);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(changedRows);
            pool.close();
            throw e;
        }
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
        closeQuietly(changedRows);
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
