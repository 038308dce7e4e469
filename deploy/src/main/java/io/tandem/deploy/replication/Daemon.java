package io.tandem.deploy.replication;

import io.tandem.cutover.CutoverCoordinator;
import io.tandem.connectors.postgres.stream.ReverseMode;
import io.tandem.cutover.Direction;
import io.tandem.cutover.control.CutoverRoutes;
import io.tandem.cutover.verify.VerificationService;
import io.tandem.cutover.verify.VerifyListener;
import io.tandem.cutover.verify.VerifyRoutes;
import io.tandem.cutover.verify.VerifySetup;
import io.tandem.deploy.cutover.CutoverAssembly;
import io.tandem.engine.config.Secret;
import io.tandem.engine.config.TandemConfig;
import io.tandem.engine.config.VerifyConfig;
import io.tandem.engine.control.ControlServer;
import io.tandem.engine.control.PipelineRoutes;
import io.tandem.engine.control.StatusSections;
import io.tandem.engine.pipeline.PipelineState;
import io.tandem.engine.pipeline.TandemThreads;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running tandem: forward replication, the way back (reverse replication, when failback is enabled), the
 * verifier, the cutover and failback, their control endpoint and the progress line. The control endpoint starts
 * first so that status is visible during the checks and the snapshot. Before anything replicates, a switch a crash
 * interrupted is finished or rolled back, and the journal says which database is the application's: with MySQL,
 * forward replication runs and the reverse stream shadows; with PostgreSQL, forward replication stays stopped and
 * the reverse stream applies. A failback starts forward replication again.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final ForwardReplication replication;
    /** Null when failback is not enabled. */
    private final ReverseReplication reverse;
    private final VerificationService verification;
    private final CutoverAssembly cutover;
    private final ControlServer control;
    private final ProgressReporter reporter;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    private Daemon(ForwardReplication replication, ReverseReplication reverse, VerificationService verification,
                   CutoverAssembly cutover, ControlServer control, ProgressReporter reporter) {
        this.replication = replication;
        this.reverse = reverse;
        this.verification = verification;
        this.cutover = cutover;
        this.control = control;
        this.reporter = reporter;
    }

    /** Starts everything and returns once streaming runs (the snapshot is done), or once a cutover was found done. */
    public static Daemon start(TandemConfig config, Consumer<String> progressOut, long progressIntervalMillis)
            throws Exception {
        LOG.info("starting with configuration:\n{}", config.describeMasked());
        Clock clock = Clock.systemUTC();
        ForwardReplication replication = new ForwardReplication(config, clock);
        ReverseReplication reverse = config.failback().enabled() ? new ReverseReplication(config, clock) : null;
        ReplicationStatus status = replication.status();
        ControlServer control = new ControlServer(config.control().listenAddress(),
                config.control().token().map(Secret::reveal).orElse(null));
        StatusSections sections = new StatusSections();
        PipelineRoutes.register(control, status, replication.metrics().registry(), status.control(), sections);
        VerificationService verification = new VerificationService(VerifySetup.open(config), VerifyListener.NONE,
                replication.touchedKeys());
        CutoverAssembly cutover;
        AtomicReference<Daemon> started = new AtomicReference<>();
        try {
            cutover = CutoverAssembly.create(config, replication, reverse, clock, verification,
                    () -> started.get().afterFailback(config));
        } catch (Exception | Error e) {
            verification.close();
            throw e;
        }
        if (reverse != null) {
            sections.add("failback", reverse::status);
            ReverseMetrics.register(replication.metrics().registry(), reverse::status);
        }
        ResyncRoutes.register(control, sections, replication::resync, replication::resyncStatus);
        ResyncMetrics.register(replication.metrics().registry(), replication::resyncStatus, clock);
        VerifyRoutes.register(control, verification);
        sections.add("verify", verification::status);
        CutoverRoutes.register(control, sections, cutover.coordinator());
        ProgressReporter reporter = new ProgressReporter(status::summary, progressOut, progressIntervalMillis);
        Daemon daemon = new Daemon(replication, reverse, verification, cutover, control, reporter);
        started.set(daemon);
        replication.anyFailure().whenComplete((ignored, error) -> {
            if (error != null) {
                daemon.terminated.completeExceptionally(error);
            }
        });
        try {
            control.start();
            LOG.info("control endpoint on http://{}:{}/", control.address().getHostString(),
                    control.address().getPort());
            daemon.startReplicating(config);
        } catch (Exception | Error e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    private void startReplicating(TandemConfig config) throws Exception {
        Direction.Primary primary = cutover.coordinator().recover();
        replication.tagSessionsWithForwardOrigins(reverse != null && reverse.prepare());
        if (primary == Direction.Primary.POSTGRES) {
            LOG.warn("PostgreSQL is the application's database (cutover completed): forward replication does not"
                    + " start, and MySQL stays read-only{}", reverse == null ? "" : "; the reverse stream applies");
            // Its first run, never started, would show STARTING forever (status, progress line); it is stopped, as
            // after a cutover in this process. A failback starts a new run.
            replication.handle().stop();
            if (reverse != null) {
                // What the reverse stream applied before this restart is not known: the failback compares in full.
                reverse.touchedKeys().unknownBefore(cutover.tableDefinitions().keySet());
                reverse.arm(cutover::tableDefinitions, ReverseMode.APPLY);
            }
            return;
        }
        replication.start();
        cutover.fenceApplicationOnTarget(config.cutover());
        if (reverse != null) {
            reverse.arm(cutover::tableDefinitions, ReverseMode.SHADOW);
        }
        if (config.verify().mode() == VerifyConfig.Mode.CONTINUOUS) {
            verification.start();
        }
    }

    /**
     * A failback committed: MySQL is the application's database again. The reverse stream goes back to shadow;
     * forward replication starts again, from the position the failback stored (MySQL's log end at its fence), on a
     * thread of its own so the failback's hooks run at once. Both sides were found equal at that fence.
     */
    private void afterFailback(TandemConfig config) {
        reverse.switchMode(ReverseMode.SHADOW);
        if (reverse.handle().state() == PipelineState.PAUSED) {
            reverse.handle().resume();
        }
        // The failback paused the reverse heartbeat at its freeze; in shadow mode it is what keeps the slot from
        // holding WAL, and what the reverse lag measures.
        if (reverse.heartbeat() != null) {
            reverse.heartbeat().resume();
        }
        replication.touchedKeys().equalNow();
        TandemThreads.start("tandem-forward-restart", true, () -> {
            try {
                replication.start();
                cutover.fenceApplicationOnTarget(config.cutover());
                LOG.info("forward replication runs again after the failback");
            } catch (Exception e) {
                LOG.error("forward replication did not start again after the failback: {}", e.getMessage(), e);
            }
        });
    }

    public ForwardReplication replication() {
        return replication;
    }

    /** The way back, or null when failback is not enabled. */
    public ReverseReplication reverse() {
        return reverse;
    }

    public ControlServer control() {
        return control;
    }

    public VerificationService verification() {
        return verification;
    }

    public CutoverCoordinator cutover() {
        return cutover.coordinator();
    }

    /**
     * Completes exceptionally when forward replication fails; normally only on {@link #close()}. A cutover stops
     * forward replication without ending the daemon.
     */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    @Override
    public void close() {
        reporter.close();
        verification.close();
        replication.close();
        if (reverse != null) {
            reverse.close();
        }
        cutover.close();
        control.close();
        terminated.complete(null);
    }
}
