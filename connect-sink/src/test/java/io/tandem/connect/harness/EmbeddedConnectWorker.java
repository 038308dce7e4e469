package io.tandem.connect.harness;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.AbstractStatus;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A distributed Connect worker in this JVM, started the way {@code connect-distributed.sh} starts one
 * ({@link ConnectDistributed#startConnect}), so connectors run exactly as on a cluster: configuration,
 * offsets and status live in Kafka topics, and a worker that is {@linkplain #stop() stopped} and
 * {@linkplain #start() started} again finds them there. Plugins are found on the class path through their
 * service manifests. Records are JSON with schemas, the format a later sink test reads.
 */
public final class EmbeddedConnectWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConnectWorker.class);

    private final Map<String, String> workerProps;
    private volatile Connect<DistributedHerder> connect;
    private volatile Duration lastStartup = Duration.ZERO;

    private EmbeddedConnectWorker(Map<String, String> workerProps) {
        this.workerProps = Map.copyOf(workerProps);
    }

    /** A worker of group {@code groupId}, whose internal topics are named after the group. */
    public static EmbeddedConnectWorker start(EmbeddedKafka kafka, String groupId) {
        EmbeddedConnectWorker worker = new EmbeddedConnectWorker(workerProps(kafka.bootstrapServers(), groupId));
        worker.start();
        return worker;
    }

    private static Map<String, String> workerProps(String bootstrapServers, String groupId) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", groupId);
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "1");
        props.put("status.storage.partitions", "1");
        props.put("key.converter", JsonConverter.class.getName());
        props.put("value.converter", JsonConverter.class.getName());
        props.put("key.converter.schemas.enable", "true");
        props.put("value.converter.schemas.enable", "true");
        // Source offsets are committed every second, not every minute: a restart re-sends less.
        props.put("offset.flush.interval.ms", "1000");
        // A worker that comes back gets its connectors and tasks at once, not after the default five
        // minutes that incremental cooperative rebalancing waits for a departed member.
        props.put("scheduled.rebalance.max.delay.ms", "0");
        props.put("listeners", "http://127.0.0.1:0");
        props.put("rest.advertised.host.name", "127.0.0.1");
        // Only the class path, and only through service manifests: scanning every class of the test
        // class path takes seconds, and every Debezium and Kafka plugin ships its manifest.
        props.put("plugin.discovery", "service_load");
        return props;
    }

    /** Starts the worker (again, after {@link #stop()}) and waits until it has joined its group. */
    public synchronized void start() {
        if (connect != null) {
            throw new IllegalStateException("the worker is running");
        }
        // The herder calls Exit.exit when its thread dies; in a test that must fail the test, not end the JVM.
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Connect worker asked to exit with " + status + ": " + message);
        });
        long began = System.nanoTime();
        Connect<DistributedHerder> started = new ConnectDistributed().startConnect(new HashMap<>(workerProps));
        awaitJoined(started.herder());
        lastStartup = Duration.ofNanos(System.nanoTime() - began);
        connect = started;
        LOG.info("Connect worker started in {} ms, REST at {}", lastStartup.toMillis(), started.rest().advertisedUrl());
    }

    /** Stops the worker as a shutdown signal would: tasks stop, source offsets are flushed, the group is left. */
    public synchronized void stop() {
        Connect<DistributedHerder> running = connect;
        if (running == null) {
            return;
        }
        connect = null;
        long began = System.nanoTime();
        running.stop();
        running.awaitStop();
        LOG.info("Connect worker stopped in {} ms", (System.nanoTime() - began) / 1_000_000);
    }

    /** From the call to {@link #start()} until the worker's herder had joined the group, for the last start. */
    public Duration lastStartup() {
        return lastStartup;
    }

    /** Creates or replaces a connector, as a {@code PUT /connectors/{name}/config} would. */
    public void putConnector(String name, Map<String, String> config) throws Exception {
        // The REST layer adds the name to the configuration; the herder expects to find it there.
        Map<String, String> named = new HashMap<>(config);
        named.put("name", name);
        FutureCallback<Herder.Created<ConnectorInfo>> done = new FutureCallback<>();
        herder().putConnectorConfig(name, named, true, done);
        done.get(30, TimeUnit.SECONDS);
    }

    /** Waits until the connector and {@code tasks} tasks of it run; throws on a failed one or at the deadline. */
    public void awaitRunning(String name, int tasks, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConnectorStateInfo status = null;
        while (System.nanoTime() < deadline) {
            status = statusOrNull(name);
            if (status != null) {
                failOnFailure(name, status);
                if (isRunning(status.connector().state())
                        && status.tasks().size() == tasks
                        && status.tasks().stream().allMatch(task -> isRunning(task.state()))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("connector " + name + " not running with " + tasks + " tasks within " + timeout
                + "; last status: " + describe(status));
    }

    @Override
    public void close() {
        stop();
        Exit.resetExitProcedure();
    }

    private Herder herder() {
        Connect<DistributedHerder> running = connect;
        if (running == null) {
            throw new IllegalStateException("the worker is stopped");
        }
        return running.herder();
    }

    private ConnectorStateInfo statusOrNull(String name) {
        try {
            return herder().connectorStatus(name);
        } catch (RuntimeException notYetKnown) {
            return null;
        }
    }

    /**
     * The herder has joined once it answers a read of the cluster's connectors; before its first assignment it
     * answers with an error at once, so the read is repeated.
     */
    private static void awaitJoined(Herder herder) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            FutureCallback<Collection<String>> connectors = new FutureCallback<>();
            herder.connectors(connectors);
            try {
                connectors.get(10, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the worker joined its group", e);
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            }
            sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException("the worker did not join its group within 60 s", last);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void failOnFailure(String name, ConnectorStateInfo status) {
        if (AbstractStatus.State.FAILED.name().equals(status.connector().state())) {
            throw new AssertionError("connector " + name + " failed: " + status.connector().trace());
        }
        status.tasks().stream()
                .filter(task -> AbstractStatus.State.FAILED.name().equals(task.state()))
                .findFirst()
                .ifPresent(task -> {
                    throw new AssertionError("task " + task.id() + " of " + name + " failed: " + task.trace());
                });
    }

    private static boolean isRunning(String state) {
        return AbstractStatus.State.RUNNING.name().equals(state);
    }

    private static String describe(ConnectorStateInfo status) {
        if (status == null) {
            return "none";
        }
        return "connector " + status.connector().state() + ", tasks "
                + status.tasks().stream().map(task -> task.id() + "=" + task.state()).toList();
    }
}
