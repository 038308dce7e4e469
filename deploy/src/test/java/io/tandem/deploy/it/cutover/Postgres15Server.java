package io.tandem.deploy.it.cutover;

import io.tandem.demo.servers.Endpoint;
import io.tandem.demo.servers.JdbcTargetServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL 15 from Debian's {@code postgresql} package: initdb in a temporary directory (trust
 * authentication on 127.0.0.1, {@code wal_level=logical}) and a server on a free port, stopped and deleted by
 * {@link #close()}. PostgreSQL refuses to run as root, so as root both run as the package's {@code postgres} user.
 * Skips the test, saying how to install it, when the binaries are absent.
 */
final class Postgres15Server extends JdbcTargetServer implements AutoCloseable {

    static final String NOT_INSTALLED = "PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin):"
            + " `apt-get install -y postgresql-15` (Debian 12; .ci/run does) to run the loop-prevention test on a"
            + " version without pgoutput's origin=none";
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path directory;
    private final boolean asPostgresUser;

    private Postgres15Server(int port, Path directory, boolean asPostgresUser) {
        super(new Endpoint("127.0.0.1", port, "postgres", ""), "postgres");
        this.directory = directory;
        this.asPostgresUser = asPostgresUser;
    }

    /** A running server, or the test is skipped when PostgreSQL 15 is not installed. */
    static Postgres15Server start() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(BIN.resolve("postgres")), NOT_INSTALLED);
        boolean root = "root".equals(System.getProperty("user.name"));
        Path directory = Files.createTempDirectory("tandem-pg15-");
        Postgres15Server server = new Postgres15Server(freePort(), directory, root);
        try {
            if (root) {
                server.run(List.of("chown", "postgres", directory.toString()), false);
            }
            Path data = directory.resolve("data");
            server.run(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--locale=C"), true);
            server.run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + server.port() + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + directory
                            + " -c wal_level=logical -c max_replication_slots=10 -c max_wal_senders=10", "start"),
                    true);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("tandem-pg15-command-", ".txt");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + full);
            }
            if (process.exitValue() != 0) {
                throw new IOException(full + " exited " + process.exitValue() + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Path data = directory.resolve("data");
        if (Files.exists(data.resolve("postmaster.pid"))) {
            run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
                    true);
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
