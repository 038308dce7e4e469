package io.tandem.bench;

import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.deploy.demo.ServersConfig;
import io.tandem.deploy.replication.Daemon;
import io.tandem.deploy.replication.ReplicationStatus;
import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures the two rates that decide whether tandem keeps up, on sysbench-shaped tables:
 * <ol>
 *   <li>snapshot: rows/s from start to streaming (checks, table creation and the parallel COPY included);</li>
 *   <li>streaming apply: events/s while draining a backlog of {@code oltp_write_only}-like transactions (update
 *       index column, update text column, delete, re-insert) built up while the apply loop was paused, next to the
 *       rate at which the source itself produced them.</li>
 * </ol>
 * Arguments: {@code [tables] [rows per table] [transactions] [writer threads]}, default {@code 4 500000 50000 4}.
 */
public final class ReplicationBench {

    private static final String DATABASE = "sbtest";

    public static void main(String[] args) throws Exception {
        int tables = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        int transactions = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        int writers = args.length > 3 ? Integer.parseInt(args[3]) : 4;

        TestServers.Pair servers = TestServers.both();
        SourceServer source = servers.source();
        TargetServer target = servers.target();
        String sourceDatabase = source.createDatabase(DATABASE);
        long prepared = System.nanoTime();
        prepare(source, sourceDatabase, tables, rows);
        System.out.printf("prepared %d x %,d rows in %.1fs%n", tables, rows, seconds(prepared));
        String targetDatabase = target.createDatabase(DATABASE);

        long started = System.nanoTime();
        try (Daemon daemon = Daemon.start(ServersConfig.of("tandem-bench", source, sourceDatabase, target, targetDatabase),
                line -> System.out.println("  " + line), 5_000)) {
            double snapshotSeconds = seconds(started);
            System.out.printf("SNAPSHOT: %,d rows in %.1fs = %,.0f rows/s (start to streaming, all steps included)%n",
                    (long) tables * rows, snapshotSeconds, tables * (double) rows / snapshotSeconds);

            ReplicationStatus status = daemon.replication().status();
            daemon.replication().handle().pause();
            long writeStarted = System.nanoTime();
            OltpWorkload.writeBacklog(source, sourceDatabase, tables, rows, transactions, writers);
            double writeSeconds = seconds(writeStarted);
            long events = 4L * transactions;
            System.out.printf("SOURCE: %,d transactions (%,d row events) in %.1fs = %,.0f events/s%n", transactions,
                    events, writeSeconds, events / writeSeconds);
            String nonce = OltpWorkload.marker(source, sourceDatabase);

            long applied = status.get().eventsApplied();
            long drainStarted = System.nanoTime();
            daemon.replication().handle().resume();
            while (!OltpWorkload.markerArrived(target, targetDatabase, sourceDatabase, nonce)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            double drainSeconds = seconds(drainStarted);
            long drained = status.get().eventsApplied() - applied;
            System.out.printf("APPLY: drained %,d events in %.1fs = %,.0f events/s%n", drained, drainSeconds,
                    drained / drainSeconds);
        }
        System.exit(0);
    }

    /** sysbench's table shape, filled server-side from a generated number series. */
    private static void prepare(SourceServer source, String database, int tables, int rows) throws SQLException {
        try (Connection connection = source.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE bench_marker (id INT AUTO_INCREMENT PRIMARY KEY, nonce VARCHAR(40))");
            SysbenchTables.create(connection, tables, rows);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
