package io.tandem.connect.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A distributed Connect worker in a child JVM on the test's class path, for what a worker in the test JVM
 * cannot undergo: {@link #kill()} ends it at once (SIGKILL), with no offset flush and no goodbye to the group,
 * as a crash or an OOM killer would. It listens on a fixed loopback port, so its REST address survives a
 * restart. Its output goes to {@code target/connect-worker-<group>.log}.
 */
public final class ForkedConnectWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ForkedConnectWorker.class);

    private final Path propertiesFile;
    private final Path logFile;
    private final ConnectRest rest;
    private final String classPath;
    private volatile Process process;
    private volatile Duration lastStartup = Duration.ZERO;

    private ForkedConnectWorker(Path propertiesFile, Path logFile, ConnectRest rest, String classPath) {
        this.propertiesFile = propertiesFile;
        this.logFile = logFile;
        this.rest = rest;
        this.classPath = classPath;
    }

    /** A started worker of group {@code groupId}, in a child JVM, with the connectors on its class path. */
    public static ForkedConnectWorker start(EmbeddedKafka kafka, String groupId) throws IOException, InterruptedException {
        return start(kafka, groupId, null);
    }

    /**
     * A started worker of group {@code groupId}, in a child JVM that loads its connectors from {@code plugins}, each
     * in isolation, as a production worker does.
     */
    public static ForkedConnectWorker withPlugins(EmbeddedKafka kafka, String groupId) throws IOException,
            InterruptedException {
        Path root = Files.createTempDirectory("connect-plugins-" + groupId);
        return start(kafka, groupId, PluginDirectories.build(testClassPath(), root));
    }

    private static ForkedConnectWorker start(EmbeddedKafka kafka, String groupId, PluginDirectories plugins)
            throws IOException, InterruptedException {
        int port = freePort();
        Properties props = new Properties();
        props.putAll(WorkerProperties.distributed(kafka.bootstrapServers(), groupId, port));
        if (plugins != null) {
            props.put("plugin.path", plugins.pluginPath().toString());
        }
        Path propertiesFile = Files.createTempFile("connect-worker-" + groupId, ".properties");
        propertiesFile.toFile().deleteOnExit();
        try (Writer out = Files.newBufferedWriter(propertiesFile)) {
            props.store(out, "a test's forked Connect worker");
        }
        Path logFile = Path.of("target", "connect-worker-" + groupId + ".log").toAbsolutePath();
        Files.deleteIfExists(logFile); // each run's own; a restart of the worker appends to it
        ForkedConnectWorker worker = new ForkedConnectWorker(propertiesFile, logFile,
                new ConnectRest(URI.create("http://127.0.0.1:" + port + "/")),
                plugins == null ? testClassPath() : plugins.workerClassPath());
        worker.start();
        return worker;
    }

    /** Starts the child JVM (again, after {@link #kill()} or {@link #stop()}) and waits until it joined its group. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the worker is running");
        }
        long began = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC"));
        // For profiling a benchmark's worker, e.g. -Dtandem.worker.jvm-options=-XX:StartFlightRecording=...
        String extra = System.getProperty("tandem.worker.jvm-options", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", classPath, ConnectDistributed.class.getName(), propertiesFile.toString()));
        Process started = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        process = started;
        // Should the test JVM end first, the worker must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "forked-worker-reaper"));
        try {
            rest.awaitReady(Duration.ofSeconds(90));
        } catch (IllegalStateException notReady) {
            started.destroyForcibly();
            throw new IllegalStateException(notReady.getMessage() + "; see " + logFile, notReady);
        }
        lastStartup = Duration.ofNanos(System.nanoTime() - began);
        LOG.info("forked Connect worker (pid {}) started in {} ms, log {}", started.pid(), lastStartup.toMillis(), logFile);
    }

    /** Ends the worker's JVM at once (SIGKILL): no task stops, no offset is flushed, the group finds out by timeout. */
    public synchronized void kill() throws InterruptedException {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        running.waitFor(30, TimeUnit.SECONDS);
        LOG.info("forked Connect worker (pid {}) killed", running.pid());
    }

    /** Stops the worker as SIGTERM does: its shutdown hook stops tasks, flushes offsets and leaves the group. */
    public synchronized void stop() throws InterruptedException {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        if (!running.waitFor(60, TimeUnit.SECONDS)) {
            running.destroyForcibly();
        }
    }

    public ConnectRest rest() {
        return rest;
    }

    /** From the call to {@link #start()} until the worker answered on REST as a member of its group. */
    public Duration lastStartup() {
        return lastStartup;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire's class path of the test run; the JVM's own may be a single manifest-only jar. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
