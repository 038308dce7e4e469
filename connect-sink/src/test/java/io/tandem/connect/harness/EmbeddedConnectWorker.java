package io.tandem.connect.harness;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A distributed Connect worker in this JVM, started the way {@code connect-distributed.sh} starts one
 * ({@link ConnectDistributed#startConnect}), so connectors run exactly as on a cluster: configuration,
 * offsets and status live in Kafka topics, and a worker that is {@linkplain #stop() stopped} and
 * {@linkplain #start() started} again finds them there. A stop is a clean shutdown; for a kill, see
 * {@link ForkedConnectWorker}.
 */
public final class EmbeddedConnectWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConnectWorker.class);

    private final Map<String, String> workerProps;
    private volatile Connect<DistributedHerder> connect;
    private volatile ConnectRest rest;
    private volatile Duration lastStartup = Duration.ZERO;

    private EmbeddedConnectWorker(Map<String, String> workerProps) {
        this.workerProps = Map.copyOf(workerProps);
    }

    /** A started worker of group {@code groupId}; its REST listener takes any free port. */
    public static EmbeddedConnectWorker start(EmbeddedKafka kafka, String groupId) throws InterruptedException {
        EmbeddedConnectWorker worker =
                new EmbeddedConnectWorker(WorkerProperties.distributed(kafka.bootstrapServers(), groupId, 0));
        worker.start();
        return worker;
    }

    /** Starts the worker (again, after {@link #stop()}) and waits until it has joined its group. */
    public synchronized void start() throws InterruptedException {
        if (connect != null) {
            throw new IllegalStateException("the worker is running");
        }
        // The herder calls Exit.exit when its thread dies; in a test that must fail the test, not end the JVM.
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Connect worker asked to exit with " + status + ": " + message);
        });
        long began = System.nanoTime();
        Connect<DistributedHerder> started = new ConnectDistributed().startConnect(new HashMap<>(workerProps));
        ConnectRest startedRest = new ConnectRest(started.rest().advertisedUrl());
        startedRest.awaitReady(Duration.ofSeconds(60));
        lastStartup = Duration.ofNanos(System.nanoTime() - began);
        connect = started;
        rest = startedRest;
        LOG.info("Connect worker started in {} ms, REST at {}", lastStartup.toMillis(), started.rest().advertisedUrl());
    }

    /** Stops the worker as a shutdown signal would: tasks stop, source offsets are flushed, the group is left. */
    public synchronized void stop() {
        Connect<DistributedHerder> running = connect;
        if (running == null) {
            return;
        }
        connect = null;
        rest = null;
        long began = System.nanoTime();
        running.stop();
        running.awaitStop();
        LOG.info("Connect worker stopped in {} ms", (System.nanoTime() - began) / 1_000_000);
    }

    /** The running worker's REST API. */
    public ConnectRest rest() {
        ConnectRest current = rest;
        if (current == null) {
            throw new IllegalStateException("the worker is stopped");
        }
        return current;
    }

    /** From the call to {@link #start()} until the worker answered on REST as a member of its group. */
    public Duration lastStartup() {
        return lastStartup;
    }

    @Override
    public void close() {
        stop();
        Exit.resetExitProcedure();
    }
}
