package io.tandem.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.connect.harness.ConnectRest;
import io.tandem.connect.harness.ConnectorSettings;
import io.tandem.connect.harness.EmbeddedKafka;
import io.tandem.connect.harness.ForkedConnectWorker;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.testkit.TestServers;
import io.tandem.testkit.compare.ComparisonReport;
import io.tandem.testkit.compare.RowComparator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tandem's sink connector on a real Connect worker (in a child JVM, so it can be killed, loading each connector
 * from its plugin directory as in production), fed by Debezium's MariaDB source connector on the same worker
 * through an in-process KRaft broker: a snapshot, then a writer
 * changing three tables (one without a key) in multi-table transactions while the worker is killed with SIGKILL
 * and started again and a second sink task is added; then columns added, widened and dropped, a primary key
 * changed and a table truncated. The target must
 * equal the source row by row: nothing lost, nothing applied twice (the keyless table would show a doubled row).
 */
class PostgresSinkOnConnectTest {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSinkOnConnectTest.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String SOURCE = "shop-source";
    private static final String SINK = "shop-sink";

    private static SourceServer source;
    private static TargetServer target;
    private static EmbeddedKafka kafka;
    private static ForkedConnectWorker worker;

    @BeforeAll
    static void startServers() throws Exception {
        CompletableFuture<TestServers.Pair> servers = CompletableFuture.supplyAsync(TestServers::both);
        kafka = EmbeddedKafka.start();
        worker = ForkedConnectWorker.withPlugins(kafka, "tandem-sink-test");
        source = servers.join().source();
        target = servers.join().target();
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void targetEqualsSourceAfterAKilledWorkerARebalanceAndSchemaChanges() throws Exception {
        String database = source.createDatabase("connect_shop");
        String targetDatabase = target.createDatabase("connect_shop");
        execute(database,
                "CREATE TABLE customers (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(60) NOT NULL,"
                        + " email VARCHAR(120), balance DECIMAL(12,2) NOT NULL, vip TINYINT(1) NOT NULL DEFAULT 0,"
                        + " joined DATE, seen TIMESTAMP(6) NULL)",
                "CREATE TABLE orders (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL,"
                        + " total DECIMAL(10,2) NOT NULL, status ENUM('new','paid','shipped') NOT NULL,"
                        + " tags SET('gift','rush','fragile'), placed DATETIME(6) NOT NULL, note TEXT,"
                        + " flags BIT(3), digest BINARY(4), rate DOUBLE, yr YEAR, doc JSON)",
                "CREATE TABLE audit (at DATETIME(6) NOT NULL, action VARCHAR(20) NOT NULL, detail BLOB)");
        Random random = new Random(42);
        try (Connection connection = source.connect(database)) {
            connection.setAutoCommit(false);
            for (int i = 0; i < 600; i++) {
                writeTransaction(connection, random, i);
            }
        }

        ConnectRest rest = worker.rest();
        String prefix = "shop";
        rest.putConnector(SOURCE, ConnectorSettings.source(source, kafka, prefix, database, 5501));
        rest.putConnector(SINK, ConnectorSettings.sink(target, targetDatabase, prefix, database, 1));
        rest.awaitRunning(SOURCE, 1, TIMEOUT);
        rest.awaitRunning(SINK, 1, TIMEOUT);
        // The writer starts once the snapshot is applied: with snapshot.locking.mode=none, a row committed while
        // the snapshot starts may arrive both read and created, which would make this test measure Debezium.
        awaitEqual(database, targetDatabase, 1);

        // The writer runs until told to stop; each interruption waits for a few hundred transactions after the
        // previous one, so both fall in the middle of the stream.
        AtomicInteger written = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (Connection connection = source.connect(database)) {
                connection.setAutoCommit(false);
                while (!stop.get()) {
                    writeTransaction(connection, random, 600 + written.get());
                    written.incrementAndGet();
                    Thread.sleep(5);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        awaitWritten(written, 400, writer);
        worker.kill();
        LOG.info("worker killed with SIGKILL after {} transactions", written.get());
        worker.start();
        worker.rest().awaitRunning(SOURCE, 1, TIMEOUT);
        worker.rest().awaitRunning(SINK, 1, TIMEOUT);
        LOG.info("worker back after {} transactions", written.get());
        awaitWritten(written, written.get() + 300, writer);
        worker.rest().putConnector(SINK, ConnectorSettings.sink(target, targetDatabase, prefix, database, 2));
        worker.rest().awaitRunning(SINK, 2, TIMEOUT);
        awaitBothTasksConsume();
        LOG.info("second sink task consuming after {} transactions", written.get());
        awaitWritten(written, written.get() + 300, writer);
        stop.set(true);
        writer.get(60, TimeUnit.SECONDS);
        LOG.info("writer stopped after {} transactions", written.get());
        awaitEqual(database, targetDatabase, 2);

        execute(database,
                "ALTER TABLE customers ADD COLUMN tier VARCHAR(10) NULL",
                "UPDATE customers SET tier = 'gold' WHERE id % 7 = 0",
                "ALTER TABLE orders MODIFY total DECIMAL(14,2) NOT NULL",
                "UPDATE orders SET total = 123456789.01 WHERE id % 11 = 0",
                "ALTER TABLE audit DROP COLUMN detail",
                "INSERT INTO audit VALUES (NOW(6), 'after-drop'), (NOW(6), 'after-drop')",
                "ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, customer_id)",
                "UPDATE orders SET note = 'new key' WHERE id % 5 = 0",
                "TRUNCATE TABLE audit",
                "INSERT INTO audit VALUES (NOW(6), 'after-truncate'), (NOW(6), 'after-truncate')");
        ComparisonReport report = awaitEqual(database, targetDatabase, 2);
        LOG.info("equal after the schema changes: {}", report);

        try (Connection connection = target.connect(targetDatabase); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM tandem.dead_letter")) {
                rows.next();
                assertEquals(0, rows.getLong(1), "no row was dead-lettered");
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM tandem.offsets"
                    + " WHERE partition_key LIKE '%kafka.topic%'")) {
                rows.next();
                assertEquals(3, rows.getLong(1), "one stored offset per table topic-partition");
            }
        }
    }

    /** One source transaction over one, two or three tables: inserts, updates (keys kept) and deletes. */
    private static void writeTransaction(Connection connection, Random random, int n) throws SQLException {
        int customer = 1 + random.nextInt(Math.max(1, n / 3 + 1));
        try (PreparedStatement insertCustomer = connection.prepareStatement(
                "INSERT INTO customers (name, email, balance, vip, joined, seen) VALUES (?, ?, ?, ?, ?, NOW(6))");
                PreparedStatement updateCustomer = connection.prepareStatement(
                        "UPDATE customers SET balance = balance + ?, vip = ?, seen = NOW(6) WHERE id = ?");
                PreparedStatement insertOrder = connection.prepareStatement(
                        "INSERT INTO orders (customer_id, total, status, tags, placed, note, flags, digest, rate,"
                                + " yr, doc) VALUES (?, ?, ?, ?, NOW(6), ?, ?, ?, ?, ?, ?)");
                PreparedStatement updateOrder = connection.prepareStatement(
                        "UPDATE orders SET status = 'paid', total = total * 1.1, tags = 'gift,rush'"
                                + " WHERE id = ?");
                PreparedStatement deleteOrder = connection.prepareStatement("DELETE FROM orders WHERE id = ?");
                PreparedStatement audit = connection.prepareStatement(
                        "INSERT INTO audit VALUES (NOW(6), ?, ?)");
                PreparedStatement deleteAudit = connection.prepareStatement(
                        "DELETE FROM audit WHERE action = ? LIMIT 1")) {
            int kind = random.nextInt(10);
            if (kind < 4 || n < 50) {
                insertCustomer.setString(1, "customer " + n + (n % 13 == 0 ? " ünïcödé 😀" : ""));
                insertCustomer.setString(2, n % 5 == 0 ? null : "c" + n + "@example.com");
                insertCustomer.setBigDecimal(3, new java.math.BigDecimal(random.nextInt(1_000_000)).movePointLeft(2));
                insertCustomer.setInt(4, random.nextInt(2));
                insertCustomer.setString(5, n % 7 == 0 ? null : "20" + (10 + n % 15) + "-0" + (1 + n % 9) + "-1" + n % 9);
                insertCustomer.executeUpdate();
            }
            if (kind >= 2) {
                insertOrder.setInt(1, customer);
                insertOrder.setBigDecimal(2, new java.math.BigDecimal(random.nextInt(10_000_000)).movePointLeft(2));
                insertOrder.setString(3, new String[] {"new", "paid", "shipped"}[random.nextInt(3)]);
                insertOrder.setString(4, random.nextBoolean() ? "fragile" : null);
                insertOrder.setString(5, random.nextInt(4) == 0 ? null : "note 'quoted' \\ " + n);
                insertOrder.setInt(6, random.nextInt(8));
                insertOrder.setBytes(7, new byte[] {(byte) n, 0, (byte) (n >> 8), 0});
                insertOrder.setDouble(8, random.nextDouble() * 1e6);
                insertOrder.setInt(9, 1990 + random.nextInt(40));
                insertOrder.setString(10, "{\"n\": " + n + ", \"k\": [1, 2.50, \"x\"]}");
                insertOrder.executeUpdate();
            }
            if (kind >= 5) {
                updateCustomer.setBigDecimal(1, new java.math.BigDecimal(random.nextInt(10_000)).movePointLeft(2));
                updateCustomer.setInt(2, random.nextInt(2));
                updateCustomer.setInt(3, customer);
                updateCustomer.executeUpdate();
                updateOrder.setLong(1, 1 + random.nextInt(n + 1));
                updateOrder.executeUpdate();
            }
            if (kind == 9) {
                deleteOrder.setLong(1, 1 + random.nextInt(n + 1));
                deleteOrder.executeUpdate();
                deleteAudit.setString(1, "a" + random.nextInt(5));
                deleteAudit.executeUpdate();
            }
            audit.setString(1, "a" + random.nextInt(5));
            audit.setBytes(2, random.nextInt(3) == 0 ? null : new byte[] {(byte) n, (byte) 0xff, 0});
            audit.executeUpdate();
        }
        connection.commit();
    }

    /**
     * Waits until every table of the target equals the source's (each table topic is consumed on its own, so no
     * single marker row says that all are through), failing at once when a connector or task fails.
     */
    private static ComparisonReport awaitEqual(String database, String targetDatabase, int sinkTasks)
            throws Exception {
        RowComparator comparator = new RowComparator(source, target, targetDatabase);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        ComparisonReport report = null;
        while (System.nanoTime() < deadline) {
            worker.rest().awaitRunning(SOURCE, 1, TIMEOUT);
            worker.rest().awaitRunning(SINK, sinkTasks, TIMEOUT);
            if (targetHasTables(targetDatabase, database)) {
                report = comparator.compare(database);
                if (report.isEqual()) {
                    return report;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the target did not become equal to the source within " + TIMEOUT + ": " + report);
    }

    /** Waits until the writer has committed {@code count} transactions; fails at once if it failed. */
    private static void awaitWritten(AtomicInteger written, int count, CompletableFuture<Void> writer)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (written.get() < count) {
            if (writer.isDone()) {
                writer.get();
                throw new AssertionError("the writer stopped after " + written.get() + " transactions");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writer wrote " + written.get() + " of " + count + " transactions");
            }
            Thread.sleep(20);
        }
    }

    /** Both sink tasks hold topic-partitions: the second task took work over from the first. */
    private static void awaitBothTasksConsume() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            String group = "connect-" + SINK;
            while (true) {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                        .describedGroups().get(group).get();
                long busy = description.members().stream()
                        .filter(member -> !member.assignment().topicPartitions().isEmpty()).count();
                if (busy == 2) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the sink's two tasks never both held partitions: " + description);
                }
                Thread.sleep(200);
            }
        }
    }

    private static boolean targetHasTables(String targetDatabase, String database) throws SQLException {
        try (Connection connection = target.connect(targetDatabase);
                PreparedStatement tables = connection.prepareStatement(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ?")) {
            tables.setString(1, database);
            try (ResultSet rows = tables.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 3;
            }
        }
    }

    private static void execute(String database, String... statements) throws SQLException {
        try (Connection connection = source.connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

}
