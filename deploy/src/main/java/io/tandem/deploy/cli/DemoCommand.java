package io.tandem.deploy.cli;

import io.tandem.deploy.demo.DemoRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tandem demo}: the whole migration on embedded databases: replication, verification, cutover. */
@Command(name = "demo", description = "Replicate the Sakila database from an embedded MariaDB into an embedded "
        + "PostgreSQL under live writes, verify both row by row, then cut the writing application over to "
        + "PostgreSQL and prove every acknowledged write arrived exactly once. Exits 1 otherwise.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--stream-seconds", defaultValue = "20",
            description = "How long the writer keeps writing once streaming runs (default: ${DEFAULT-VALUE}).")
    int streamSeconds;

    @Option(names = "--rate", defaultValue = "100",
            description = "Transactions per second of each writer (default: ${DEFAULT-VALUE}).")
    int transactionsPerSecond;

    @Override
    public Integer call() throws Exception {
        return new DemoRun(streamSeconds, transactionsPerSecond, System.out).run() ? 0 : 1;
    }
}
