package io.tandem.deploy.replication;

import io.tandem.cutover.CutoverCoordinator;
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
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running tandem: the forward replication, the verifier, the cutover, their control endpoint and the progress
 * line. The control endpoint starts first so that status is visible during the checks and the snapshot. Before
 * forward replication starts, an attempt a crash interrupted is finished or rolled back; after a cutover the daemon
 * stays up (status, and later the way back) with forward replication stopped.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final ForwardReplication replication;
    private final VerificationService verification;
    private final CutoverAssembly cutover;
    private final ControlServer control;
    private final ProgressReporter reporter;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    private Daemon(ForwardReplication replication, VerificationService verification, CutoverAssembly cutover,
                   ControlServer control, ProgressReporter reporter) {
        this.replication = replication;
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
        ReplicationStatus status = replication.status();
        ControlServer control = new ControlServer(config.control().listenAddress(),
                config.control().token().map(Secret::reveal).orElse(null));
        StatusSections sections = new StatusSections();
        PipelineRoutes.register(control, status, replication.metrics().registry(), status.control(), sections);
        VerificationService verification = new VerificationService(VerifySetup.open(config), VerifyListener.NONE,
                replication.touchedKeys());
        CutoverAssembly cutover;
        try {
            cutover = CutoverAssembly.create(config, replication, clock, verification);
        } catch (Exception | Error e) {
            verification.close();
            throw e;
        }
        VerifyRoutes.register(control, verification);
        sections.add("verify", verification::status);
        CutoverRoutes.register(control, sections, cutover.coordinator());
        ProgressReporter reporter = new ProgressReporter(status::summary, progressOut, progressIntervalMillis);
        Daemon daemon = new Daemon(replication, verification, cutover, control, reporter);
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
        if (cutover.coordinator().recover() == Direction.Primary.POSTGRES) {
            LOG.warn("PostgreSQL is the application's database (cutover completed): forward replication does not"
                    + " start, and the source stays read-only");
            replication.handle().stop();
            return;
        }
        replication.start();
        cutover.fenceApplicationOnTarget(config.cutover());
        if (config.verify().mode() == VerifyConfig.Mode.CONTINUOUS) {
            verification.start();
        }
    }

    public ForwardReplication replication() {
        return replication;
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
        cutover.close();
        control.close();
        terminated.complete(null);
    }
}
