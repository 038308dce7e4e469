package io.tandem.demo.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from the binaries in zonky's Maven artifact, on a free port and a private temporary
 * data directory, with logical decoding enabled. The superuser {@code postgres} logs in without a
 * password (trust authentication on localhost).
 *
 * <p>zonky has no restart: each run of the server is one {@link EmbeddedPostgres} instance, built
 * again on the same data directory (it skips initdb when {@code postgresql.conf} exists) and port.
 */
public final class EmbeddedPostgresServer extends JdbcTargetServer implements RestartableServer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String HOST = "127.0.0.1";
    private static final String SUPERUSER = "postgres";
    /** Generous: on two cores the first start may run beside MariaDB's. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final Path instanceDirectory;
    private final int port;
    private EmbeddedPostgres current;

    private EmbeddedPostgresServer(Path instanceDirectory, int port, EmbeddedPostgres current) {
        super(new Endpoint(HOST, port, SUPERUSER, ""), "postgres");
        this.instanceDirectory = instanceDirectory;
        this.port = port;
        this.current = current;
    }

    /** Runs initdb on a fresh data directory and starts the server. */
    public static EmbeddedPostgresServer launch() {
        long started = System.nanoTime();
        Path instanceDirectory = LocalProcesses.createTempDirectory("tandem-postgres-");
        int port = LocalProcesses.freePort();
        EmbeddedPostgres first;
        try {
            first = run(instanceDirectory, port);
        } catch (RuntimeException e) {
            LocalProcesses.deleteRecursively(instanceDirectory);
            throw e;
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(instanceDirectory, port, first);
        LOG.info("Embedded PostgreSQL ready on port {} in {} ms (data in {})",
                port, (System.nanoTime() - started) / 1_000_000, instanceDirectory);
        return server;
    }

    private static EmbeddedPostgres run(Path instanceDirectory, int port) {
        try {
            return EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory(instanceDirectory))
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10")
                    // zonky turns it off for speed, which loses the last commits on kill(): crash
                    // tests need a commit to mean durable.
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on port " + port, e);
        }
    }

    private static Path dataDirectory(Path instanceDirectory) {
        return instanceDirectory.resolve("data");
    }

    @Override
    public synchronized void stop() {
        if (current == null) {
            return;
        }
        closeCurrent();
        LOG.info("Embedded PostgreSQL on port {} stopped", port);
    }

    @Override
    public synchronized void start() {
        if (current != null) {
            return;
        }
        current = run(instanceDirectory, port);
        LOG.info("Embedded PostgreSQL on port {} restarted", port);
    }

    /**
     * SIGKILL of the postmaster and every backend, then closing zonky's handle, which releases its
     * lock on the data directory. Its {@code pg_ctl stop} then finds no server and logs an error.
     */
    @Override
    public synchronized void kill() {
        if (current == null) {
            return;
        }
        if (!LocalProcesses.killTree(dataDirectory(instanceDirectory).resolve("postmaster.pid"))) {
            LOG.warn("No postmaster found through postmaster.pid; stopping through pg_ctl instead");
        }
        LOG.info("Embedded PostgreSQL on port {} killed; zonky will now fail to stop it, as expected", port);
        closeCurrent();
    }

    @Override
    public synchronized boolean isRunning() {
        return current != null;
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public synchronized void close() {
        stop();
        LocalProcesses.deleteRecursively(instanceDirectory);
    }

    private void closeCurrent() {
        try {
            current.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not close cleanly: {}", e.getMessage());
        } finally {
            current = null;
        }
    }
}
