package io.tandem.deploy.demo;

import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.TandemConfig;
import io.tandem.sink.postgres.state.TargetFence;
import io.tandem.testkit.Sakila;
import io.tandem.testkit.SourceServer;
import io.tandem.testkit.TargetServer;
import io.tandem.testkit.TestServers;
import io.tandem.testkit.compare.ComparisonReport;
import io.tandem.testkit.compare.RowComparator;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The demo, step by step: servers, Sakila, a writer, replication under writes, a quiet point proven by a fence token,
 * then a row-by-row comparison of every table.
 */
public final class DemoRun {

    private static final String DATABASE = "sakila";
    private static final Duration CATCH_UP_DEADLINE = Duration.ofMinutes(3);

    private final int streamSeconds;
    private final int transactionsPerSecond;
    private final PrintStream out;

    public DemoRun(int streamSeconds, int transactionsPerSecond, PrintStream out) {
        this.streamSeconds = streamSeconds;
        this.transactionsPerSecond = transactionsPerSecond;
        this.out = out;
    }

    /** @return true when source and target are equal at the end */
    public boolean run() throws Exception {
        out.println("starting embedded MariaDB and PostgreSQL (the first run unpacks their binaries)...");
        TestServers.Pair servers = TestServers.both();
        SourceServer source = servers.source();
        TargetServer target = servers.target();
        long loadStarted = System.nanoTime();
        Sakila.load(source, DATABASE);
        out.printf("loaded Sakila into %s:%d in %.1fs%n", source.host(), source.port(), seconds(loadStarted));
        String targetDatabase = target.createDatabase("sakila");

        SakilaWriter writer = new SakilaWriter(() -> connect(source), transactionsPerSecond);
        Thread writerThread = new Thread(writer, "demo-writer");
        writerThread.start();
        out.printf("writer started (%d transactions/s); starting replication%n", transactionsPerSecond);

        long replicationStarted = System.nanoTime();
        TandemConfig config = ServersConfig.of("tandem-demo", source, DATABASE, target, targetDatabase);
        try (Daemon daemon = Daemon.start(config, out::println, 1_000)) {
            out.printf("snapshot done in %.1fs; streaming. Status page: http://%s:%d/%n", seconds(replicationStarted),
                    daemon.control().address().getHostString(), daemon.control().address().getPort());
            waitUntil(() -> false, Duration.ofSeconds(streamSeconds), daemon);
            writer.stop();
            writerThread.join();
            if (writer.failure() != null) {
                out.println("RESULT: the demo writer failed: " + writer.failure().getMessage());
                return false;
            }
            out.printf("writer stopped after %,d transactions; waiting for PostgreSQL to catch up%n",
                    writer.committedTransactions());

            // A fence token after the last write: binlog order is commit order, so once it arrives all before it has.
            String token = daemon.replication().sourceControl().fence().write();
            TargetFence fence = daemon.replication().targetFence();
            long catchUp = System.nanoTime();
            // No "queue empty" check besides: heartbeats keep arriving, and the fence already proves the drain.
            if (!waitUntil(() -> holds(fence, token), CATCH_UP_DEADLINE, daemon)) {
                out.println("RESULT: PostgreSQL did not catch up within " + CATCH_UP_DEADLINE);
                return false;
            }
            out.printf("caught up %.2fs after the last write%n", seconds(catchUp));

            ComparisonReport report = new RowComparator(source, target, targetDatabase).compareAll(DATABASE);
            out.println(report);
            out.println(report.isEqual() ? "RESULT: source and target are equal, row by row, in every table"
                    : "RESULT: source and target DIFFER");
            return report.isEqual();
        }
    }

    private static boolean holds(TargetFence fence, String token) {
        try {
            return fence.holds(token);
        } catch (SQLException e) {
            return false; // the target is briefly unreachable: ask again until the deadline
        }
    }

    /**
     * Waits until the condition holds or the time is up, failing fast if replication dies meanwhile.
     *
     * @return whether the condition held
     */
    private static boolean waitUntil(BooleanSupplier condition, Duration deadline, Daemon daemon) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (daemon.replication().terminated().isDone()) {
                daemon.replication().terminated().join();
                throw new IllegalStateException("replication stopped unexpectedly");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        return condition.getAsBoolean();
    }

    private static Connection connect(SourceServer source) {
        try {
            return source.connect(DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect the demo writer: " + e.getMessage(), e);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
