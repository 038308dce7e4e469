package io.tandem.deploy.replication;

import io.tandem.engine.config.Secret;
import io.tandem.engine.config.TandemConfig;
import io.tandem.engine.control.ControlServer;
import io.tandem.engine.control.PipelineRoutes;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running tandem: the forward replication, its control endpoint and its progress line. The control endpoint
 * starts first so that status is visible during the checks and the snapshot.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final ForwardReplication replication;
    private final ControlServer control;
    private final ProgressReporter reporter;

    private Daemon(ForwardReplication replication, ControlServer control, ProgressReporter reporter) {
        this.replication = replication;
        this.control = control;
        this.reporter = reporter;
    }

    /** Starts everything and returns once streaming runs (the snapshot is done). */
    public static Daemon start(TandemConfig config, Consumer<String> progressOut, long progressIntervalMillis)
            throws Exception {
        LOG.info("starting with configuration:\n{}", config.describeMasked());
        ForwardReplication replication = new ForwardReplication(config, Clock.systemUTC());
        ReplicationStatus status = replication.status();
        ControlServer control = new ControlServer(config.control().listenAddress(),
                config.control().token().map(Secret::reveal).orElse(null));
        PipelineRoutes.register(control, status, replication.metrics().registry(), status.control());
        control.start();
        LOG.info("control endpoint on http://{}:{}/", control.address().getHostString(), control.address().getPort());
        ProgressReporter reporter = new ProgressReporter(status::summary, progressOut, progressIntervalMillis);
        Daemon daemon = new Daemon(replication, control, reporter);
        try {
            replication.start();
        } catch (Exception | Error e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    public ForwardReplication replication() {
        return replication;
    }

    public ControlServer control() {
        return control;
    }

    @Override
    public void close() {
        reporter.close();
        replication.close();
        control.close();
    }
}
