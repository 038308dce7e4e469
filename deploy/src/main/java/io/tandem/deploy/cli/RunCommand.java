package io.tandem.deploy.cli;

import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.TandemConfig;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tandem run}: replicate until stopped (SIGTERM/SIGINT stop it cleanly) or until a fatal error. */
@Command(name = "run", description = "Replicate a MySQL/MariaDB database into PostgreSQL: snapshot, then follow the binlog.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigFile config;

    @Override
    public Integer call() {
        Optional<TandemConfig> loaded = config.load(new PrintWriter(System.err, true));
        if (loaded.isEmpty()) {
            return ConfigFile.INVALID;
        }
        TandemConfig parsed = loaded.get();
        try (Daemon daemon = Daemon.start(parsed, LOG::info, 5_000)) {
            Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "tandem-shutdown"));
            daemon.terminated().join();
            return 0;
        } catch (CompletionException e) {
            LOG.error("replication stopped: {}", e.getCause().getMessage());
            return 1;
        } catch (Exception e) {
            LOG.error("replication could not start: {}", e.getMessage());
            return 1;
        }
    }
}
