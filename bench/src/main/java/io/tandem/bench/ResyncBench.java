package io.tandem.bench;

import io.tandem.connectors.mysql.resync.ResyncStatus;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.deploy.demo.ServersConfig;
import io.tandem.deploy.replication.Daemon;
import io.tandem.deploy.replication.ForwardReplication;
import io.tandem.engine.model.TableId;
import io.tandem.testkit.TestServers;
import io.tandem.testkit.compare.ComparisonReport;
import io.tandem.testkit.compare.RowComparator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures an online table re-copy (resync) of a large table while other tables stream: the copy's rows/s, how
 * long the stream was held waiting for it, and the lag of the other tables meanwhile. Two rounds on the same
 * {@code items} table, an application writing to {@code orders} and {@code stock} throughout:
 * <ol>
 *   <li>a statement tandem cannot translate ({@code MODIFY price DECIMAL(8,1)}, narrowing), with the application
 *       also writing to {@code items}: the stream reaches a change of {@code items} past the copy position long
 *       before the copy ends, and waits there (every table waits behind it);</li>
 *   <li>an operator's resync ({@link ForwardReplication#resync}) with {@code items} left alone: the stream never
 *       meets a change of it and is not held.</li>
 * </ol>
 * After each round the target must equal the source row by row. Arguments: {@code [rows] [application
 * transactions/s] [items writes/s in round 1]}, default {@code 1000000 300 20}.
 */
public final class ResyncBench {

    private static final String DATABASE = "rsbench";
    private static final long SAMPLE_MILLIS = 50;

    private final SourceServer source;
    private final TargetServer target;
    private final String sourceDatabase;
    private final String targetDatabase;
    private final int rows;

    private ResyncBench(SourceServer source, TargetServer target, String sourceDatabase, String targetDatabase,
                        int rows) {
        this.source = source;
        this.target = target;
        this.sourceDatabase = sourceDatabase;
        this.targetDatabase = targetDatabase;
        this.rows = rows;
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int itemsRate = args.length > 2 ? Integer.parseInt(args[2]) : 20;

        TestServers.Pair servers = TestServers.both();
        String sourceDatabase = servers.source().createDatabase(DATABASE);
        String targetDatabase = servers.target().createDatabase(DATABASE);
        ResyncBench bench = new ResyncBench(servers.source(), servers.target(), sourceDatabase, targetDatabase, rows);
        long prepared = System.nanoTime();
        bench.prepare();
        System.out.printf("prepared items: %,d rows in %.1fs%n", rows, seconds(prepared));
        try (Daemon daemon = Daemon.start(ServersConfig.builder("tandem-resync-bench", servers.source(),
                sourceDatabase, servers.target(), targetDatabase).build(), line -> System.out.println("  " + line),
                5_000)) {
            System.out.println("initial copy done; streaming");
            bench.round(daemon, "untranslatable ALTER, items written too", rate, itemsRate,
                    () -> bench.onSource("ALTER TABLE items MODIFY price DECIMAL(8,1) NOT NULL"));
            bench.round(daemon, "operator resync, items idle", rate, 0,
                    () -> daemon.replication().resync(new TableId(sourceDatabase, "items")));
        }
        System.exit(0);
    }

    private interface Trigger {
        void run() throws Exception;
    }

    /** Runs the application, triggers one resync, samples until it is swapped in, then checks the target. */
    private void round(Daemon daemon, String name, int rate, int itemsRate, Trigger trigger) throws Exception {
        ForwardReplication replication = daemon.replication();
        long resyncsBefore = finishedResyncs();
        try (Application application = new Application(rate, itemsRate)) {
            application.start();
            List<double[]> lag = new ArrayList<>();
            // Right after the start the lag is unknown, then holds the catch-up after the initial copy: the baseline
            // is taken once it is under a second (or after 30 s).
            for (int i = 0; i < 600 && (lag.isEmpty() || lag.get(lag.size() - 1)[1] >= 1.0); i++) {
                sampleLag(replication, lag, SAMPLE_MILLIS);
            }
            lag.clear();
            sampleLag(replication, lag, 3_000);
            double baseline = percentile(lag, 0.99);
            lag.clear();

            long earlier = replication.resyncStatus().stream().mapToLong(ResyncStatus::id).max().orElse(0);
            long transactionsBefore = application.transactions.get();
            long triggeredNanos = System.nanoTime();
            Instant triggered = Instant.now();
            trigger.run();
            Instant statementDone = Instant.now();
            Instant copyingSeen = null;
            Instant heldSince = null;
            while (finishedResyncs() == resyncsBefore) {
                sampleLag(replication, lag, SAMPLE_MILLIS);
                for (ResyncStatus status : replication.resyncStatus()) {
                    if (status.id() <= earlier) {
                        continue;
                    }
                    if ("copying".equals(status.phase()) && copyingSeen == null) {
                        copyingSeen = Instant.now();
                    }
                    if (status.streamHeldSince() != null) {
                        heldSince = status.streamHeldSince();
                    }
                }
                if (replication.anyFailure().isCompletedExceptionally()) {
                    replication.anyFailure().join();
                }
            }
            Instant swapSeen = Instant.now();
            sampleLag(replication, lag, 3_000);
            double appRate = (application.transactions.get() - transactionsBefore) / seconds(triggeredNanos);
            Timestamp[] times = resyncTimes();
            long requestToSwap = times[2].getTime() - times[0].getTime();
            System.out.printf("RESYNC %s:%n", name);
            System.out.printf("  statement on the source: %d ms; from the request, copying seen after %d ms, its copy"
                    + " transaction began after %d ms%n", statementDone.toEpochMilli() - triggered.toEpochMilli(),
                    copyingSeen == null ? -1 : copyingSeen.toEpochMilli() - times[0].getTime(),
                    times[1].getTime() - times[0].getTime());
            System.out.printf("  request -> swap committed: %,d rows in %,d ms = %,.0f rows/s%n", rows,
                    requestToSwap, rows * 1000.0 / requestToSwap);
            System.out.printf("  stream held: %s%n", heldSince == null ? "never"
                    : "from " + heldSince + ", about " + (swapSeen.toEpochMilli() - heldSince.toEpochMilli())
                    + " ms (see the log's \"The stream waited\" line)");
            System.out.printf("  heartbeat lag of the other tables: before p99 %.2fs; from request to 3 s after the"
                    + " swap max %.2fs, p99 %.2fs, p50 %.2fs (%d samples)%n", baseline, percentile(lag, 1.0),
                    percentile(lag, 0.99), percentile(lag, 0.5), lag.size());
            System.out.printf("  application meanwhile: %.0f transactions/s%n", appRate);
            application.close();
            application.requireNoFailure();
        }
        awaitMarker();
        ComparisonReport report = new RowComparator(source, target, targetDatabase).compare(sourceDatabase);
        System.out.printf("  target equals source: %s%n", report.isEqual() ? "yes" : report);
        if (!report.isEqual()) {
            throw new IllegalStateException("the target differs from the source after the resync: " + report);
        }
    }

    /** Samples the heartbeat lag every {@link #SAMPLE_MILLIS} for {@code millis}: {seconds since epoch, lag}. */
    private static void sampleLag(ForwardReplication replication, List<double[]> samples, long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        do {
            Double lag = replication.status().get().lagSeconds();
            if (lag != null) {
                samples.add(new double[] {System.currentTimeMillis() / 1000.0, lag});
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS));
        } while (System.nanoTime() < end);
    }

    private static double percentile(List<double[]> samples, double p) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        double[] lags = samples.stream().mapToDouble(sample -> sample[1]).sorted().toArray();
        return lags[(int) Math.min(lags.length - 1, Math.ceil(p * lags.length) - 1)];
    }

    /** A realistic catalogue table, plus the application's tables and a marker, loaded server-side. */
    private void prepare() throws SQLException {
        String digit = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 "
                + "UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
        onSource("CREATE TABLE items (id INT NOT NULL PRIMARY KEY, sku VARCHAR(20) NOT NULL, name VARCHAR(100) NOT NULL,"
                        + " category VARCHAR(30), price DECIMAL(10,2) NOT NULL, created DATETIME NOT NULL,"
                        + " KEY ix_category (category))",
                "INSERT INTO items SELECT n + 1, CONCAT('SKU-', LPAD(n, 9, '0')), CONCAT('item ', n, ' ',"
                        + " REPEAT('x', n % 40)), ELT(1 + n % 6, 'tools', 'garden', 'books', 'toys', 'food', NULL),"
                        + " (n % 100000) / 100 + 0.05, TIMESTAMPADD(SECOND, n * 7, '2024-01-01 00:00:00') FROM"
                        + " (SELECT a.d + 10*b.d + 100*c.d + 1000*e.d + 10000*f.d + 100000*g.d + 1000000*h.d AS n FROM "
                        + digit + " a, " + digit + " b, " + digit + " c, " + digit + " e, " + digit + " f, " + digit
                        + " g, " + digit + " h) numbers WHERE n < " + rows,
                "CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, item_id INT NOT NULL, qty INT NOT NULL,"
                        + " amount DECIMAL(12,2), placed DATETIME(3) NOT NULL, note VARCHAR(40))",
                "CREATE TABLE stock (item_id INT PRIMARY KEY, available INT NOT NULL, updated DATETIME(3))",
                "INSERT INTO stock SELECT id, 1000, NULL FROM items WHERE id <= 1000",
                "CREATE TABLE bench_marker (id INT AUTO_INCREMENT PRIMARY KEY, nonce VARCHAR(40))");
    }

    /**
     * The application: {@code rate} transactions a second (an order inserted, a stock row decremented, every tenth
     * an earlier order deleted) and, apart, {@code itemsRate} price updates a second on {@code items}.
     */
    private final class Application implements AutoCloseable {

        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong transactions = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final List<Thread> threads = new ArrayList<>();

        Application(int rate, int itemsRate) {
            threads.add(new Thread(() -> run(rate, this::order), "bench-orders"));
            if (itemsRate > 0) {
                threads.add(new Thread(() -> run(itemsRate, this::reprice), "bench-items"));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        private interface Work {
            void run(Connection connection, ThreadLocalRandom random) throws SQLException;
        }

        /** Paced by a schedule, not by sleeps after each transaction: a slow moment is caught up afterwards. */
        private void run(int perSecond, Work work) {
            long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
            long next = System.nanoTime();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            try (Connection connection = source.connect(sourceDatabase)) {
                connection.setAutoCommit(false);
                while (!stop.get()) {
                    try {
                        work.run(connection, random);
                        connection.commit();
                    } catch (SQLException e) {
                        // The ALTER holds the table's metadata lock while it rebuilds it; the transaction retries.
                        connection.rollback();
                        if (e.getErrorCode() != 1205 && e.getErrorCode() != 1213) {
                            throw e;
                        }
                    }
                    next += interval;
                    LockSupport.parkNanos(next - System.nanoTime());
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        private void order(Connection connection, ThreadLocalRandom random) throws SQLException {
            int item = random.nextInt(1, 1001);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO orders (item_id, qty, amount, placed, note) VALUES (" + item + ", "
                        + random.nextInt(1, 5) + ", " + random.nextInt(100, 100000) / 100.0 + ", NOW(3), 'web')");
                statement.execute("UPDATE stock SET available = available - 1, updated = NOW(3) WHERE item_id = "
                        + item);
                if (random.nextInt(10) == 0) {
                    statement.execute("DELETE FROM orders ORDER BY id LIMIT 1");
                }
            }
            transactions.incrementAndGet();
        }

        private void reprice(Connection connection, ThreadLocalRandom random) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("UPDATE items SET price = price + 1 WHERE id = " + random.nextInt(1, rows + 1));
            }
        }

        void requireNoFailure() {
            if (failure.get() != null) {
                throw new IllegalStateException("the application failed", failure.get());
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }
    }

    private long finishedResyncs() throws SQLException {
        try (Connection connection = target.connect(targetDatabase); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM tandem.resync WHERE phase = 'DONE'")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The latest resync's requested, copied (its copy transaction's start) and finished (swap) times. */
    private Timestamp[] resyncTimes() throws SQLException {
        try (Connection connection = target.connect(targetDatabase); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT requested_at, copied_at, finished_at FROM tandem.resync"
                     + " ORDER BY id DESC LIMIT 1")) {
            result.next();
            return new Timestamp[] {result.getTimestamp(1), result.getTimestamp(2), result.getTimestamp(3)};
        }
    }

    /** A marker row through the binlog: once it is on the target, everything committed before it is too. */
    private void awaitMarker() throws SQLException {
        String nonce = UUID.randomUUID().toString();
        try (Connection connection = source.connect(sourceDatabase);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_marker (nonce) VALUES (?)")) {
            insert.setString(1, nonce);
            insert.executeUpdate();
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        try (Connection connection = target.connect(targetDatabase);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT 1 FROM \"" + sourceDatabase + "\".bench_marker WHERE nonce = ?")) {
            query.setString(1, nonce);
            while (true) {
                try (ResultSet result = query.executeQuery()) {
                    if (result.next()) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the marker did not reach the target in 5 minutes");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    private void onSource(String... statements) throws SQLException {
        try (Connection connection = source.connect(sourceDatabase);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
