package io.tandem.deploy.cli;

import io.tandem.deploy.demo.DemoRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tandem demo}: the whole forward path on embedded databases, checked row by row at the end. */
@Command(name = "demo", description = "Replicate the Sakila database from an embedded MariaDB into an embedded "
        + "PostgreSQL under live writes, then compare both row by row. Exits 1 if anything differs.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--stream-seconds", defaultValue = "20",
            description = "How long the writer keeps writing once streaming runs (default: ${DEFAULT-VALUE}).")
    int streamSeconds;

    @Option(names = "--rate", defaultValue = "100",
            description = "Writer transactions per second (default: ${DEFAULT-VALUE}).")
    int transactionsPerSecond;

    @Override
    public Integer call() throws Exception {
        return new DemoRun(streamSeconds, transactionsPerSecond, System.out).run() ? 0 : 1;
    }
}
