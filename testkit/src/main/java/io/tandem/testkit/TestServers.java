package io.tandem.testkit;

import io.tandem.demo.servers.EmbeddedMariaDbServer;
import io.tandem.demo.servers.EmbeddedPostgresServer;
import io.tandem.demo.servers.RestartableServer;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.testkit.ContainerServers.Owned;
import io.tandem.testkit.ServerMode.Side;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source and target servers of this JVM: chosen once per side, started on first use, shared by
 * every test, stopped by a shutdown hook. Per side, in this order:
 * <ol>
 * <li>{@code TANDEM_TEST_SERVERS=embedded|containers|external} forces one mode for both sides;</li>
 * <li>external when {@code TANDEM_TEST_SOURCE_HOST} (resp. {@code TANDEM_TEST_TARGET_HOST}) is set,
 *     with {@code _PORT}, {@code _USER}, {@code _PASSWORD} and, for the target, {@code _DATABASE}
 *     (see {@link ExternalServers} for the defaults);</li>
 * <li>Testcontainers ({@code mysql:8.0}, {@code postgres:16}) when a Docker engine answers;</li>
 * <li>otherwise embedded MariaDB and PostgreSQL ({@link EmbeddedMariaDbServer}, {@link EmbeddedPostgresServer}),
 *     which implement {@link RestartableServer}.</li>
 * </ol>
 *
 * <p>{@link #both()} starts the two sides in parallel; calling {@link #source()} and then
 * {@link #target()} starts them one after the other.
 */
public final class TestServers {

    private static final Logger LOG = LoggerFactory.getLogger(TestServers.class);

    /** Each start runs on its own daemon thread: a stuck start must not keep the JVM alive. */
    private static final Executor STARTER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tandem-testkit-server-start");
        thread.setDaemon(true);
        return thread;
    });

    private static final List<AutoCloseable> STOPPERS = Collections.synchronizedList(new ArrayList<>());
    private static CompletableFuture<SourceServer> source;
    private static CompletableFuture<TargetServer> target;
    private static boolean hookInstalled;

    private TestServers() {
    }

    /** A source and a target, started together. */
    public record Pair(SourceServer source, TargetServer target) {
    }

    public static SourceServer source() {
        return await(sourceFuture());
    }

    public static TargetServer target() {
        return await(targetFuture());
    }

    public static Pair both() {
        CompletableFuture<SourceServer> sourceStart = sourceFuture();
        CompletableFuture<TargetServer> targetStart = targetFuture();
        return new Pair(await(sourceStart), await(targetStart));
    }

    private static synchronized CompletableFuture<SourceServer> sourceFuture() {
        if (source == null) {
            installShutdownHook();
            source = CompletableFuture.supplyAsync(TestServers::startSource, STARTER);
        }
        return source;
    }

    private static synchronized CompletableFuture<TargetServer> targetFuture() {
        if (target == null) {
            installShutdownHook();
            target = CompletableFuture.supplyAsync(TestServers::startTarget, STARTER);
        }
        return target;
    }

    private static SourceServer startSource() {
        Map<String, String> environment = System.getenv();
        ServerMode mode = ServerMode.choose(Side.SOURCE, environment, () -> DockerProbe.isDockerAvailable(environment));
        LOG.info("Source server: {}", mode);
        try {
            switch (mode) {
                case EXTERNAL:
                    return ExternalServers.source(environment);
                case CONTAINERS:
                    return owned(ContainerServers.mysql());
                case EMBEDDED:
                    EmbeddedMariaDbServer server = EmbeddedMariaDbServer.launch();
                    STOPPERS.add(server);
                    return server;
                default:
                    throw new IllegalStateException("unhandled mode " + mode);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("source server (" + mode + ") not usable: " + e.getMessage(), e);
        }
    }

    private static TargetServer startTarget() {
        Map<String, String> environment = System.getenv();
        ServerMode mode = ServerMode.choose(Side.TARGET, environment, () -> DockerProbe.isDockerAvailable(environment));
        LOG.info("Target server: {}", mode);
        switch (mode) {
            case EXTERNAL:
                return ExternalServers.target(environment);
            case CONTAINERS:
                return owned(ContainerServers.postgres());
            case EMBEDDED:
                EmbeddedPostgresServer server = EmbeddedPostgresServer.launch();
                STOPPERS.add(server);
                return server;
            default:
                throw new IllegalStateException("unhandled mode " + mode);
        }
    }

    private static <T> T owned(Owned<T> owned) {
        STOPPERS.add(owned.stopper());
        return owned.server();
    }

    private static <T> T await(CompletableFuture<T> start) {
        try {
            return start.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    private static void installShutdownHook() {
        if (hookInstalled) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TestServers::stopAll, "tandem-testkit-server-stop"));
        hookInstalled = true;
    }

    /** Stops in reverse order of start; one failure does not keep the others running. */
    private static void stopAll() {
        List<AutoCloseable> stoppers;
        synchronized (STOPPERS) {
            stoppers = new ArrayList<>(STOPPERS);
        }
        Collections.reverse(stoppers);
        for (AutoCloseable stopper : stoppers) {
            try {
                stopper.close();
            } catch (Exception e) {
                LOG.warn("Could not stop a test server: {}", e.toString());
            }
        }
    }
}
