package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.deploy.demo.ServersConfig;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.model.TableId;
import io.tandem.testkit.TestServers;
import io.tandem.testkit.compare.ComparisonReport;
import io.tandem.testkit.compare.RowComparator;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statements without an exact translation re-copy their table online (resync, the default of
 * {@code ddl.on-unsupported}) while an application writes to it and to another table throughout: after each, the
 * target equals the source row by row (generated ids included), keys and indexes as the snapshot makes them, and
 * replication never stopped.
 */
class ResyncReplicationTest {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SourceServer source = TestServers.source();
    private final TargetServer target = TestServers.target();
    private String database;
    private String targetDatabase;
    private Daemon daemon;
    private Writer writer;

    @BeforeEach
    void createTables() throws Exception {
        database = source.createDatabase("resync");
        targetDatabase = target.createDatabase("resync");
        onSource("CREATE TABLE marker (id INT AUTO_INCREMENT PRIMARY KEY, nonce VARCHAR(20))",
                "CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, qty INT NOT NULL, price DECIMAL(8,3),"
                        + " seen TIMESTAMP(3) NULL, KEY ix_qty (qty))",
                "CREATE TABLE events (a INT NOT NULL, b VARCHAR(20))");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            rows.append(i == 0 ? "" : ",").append("(").append(i % 300).append(", 'e").append(i % 7).append("')");
        }
        onSource("INSERT INTO events VALUES " + rows, "INSERT INTO events SELECT * FROM events",
                "INSERT INTO orders (qty, price, seen) SELECT a, a / 7, '2024-01-02 03:04:05.678' FROM events"
                        + " LIMIT 1500");
    }

    @AfterEach
    void stop() throws Exception {
        if (writer != null) {
            writer.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void untranslatableStatementsRecopyTheTableUnderAWriter() throws Exception {
        daemon = Daemon.start(ServersConfig.builder("resync-it", source, database, target, targetDatabase).build(),
                line -> { }, 60_000);
        writer = new Writer();
        writer.start();
        awaitInSync();

        // The DBA's fix for a keyless table with duplicate rows: MySQL numbers the rows in its own order.
        onSource("ALTER TABLE events ADD COLUMN id INT NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST");
        writer.awaitMoreWrites();
        awaitInSync();
        assertTrue(targetIndexes().contains("events PRIMARY primary (id)"), targetIndexes().toString());

        // Existing rows get the statement's time; a lossy type change rounds as MySQL rounds; DATETIME ↔ TIMESTAMP
        // converts in the statement's session time zone.
        onSource("ALTER TABLE orders ADD COLUMN created DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)");
        writer.awaitMoreWrites();
        onSource("ALTER TABLE orders MODIFY price DECIMAL(6,1)");
        writer.awaitMoreWrites();
        onSource("SET SESSION time_zone = '+05:30'", "ALTER TABLE orders MODIFY seen DATETIME(3) NULL");
        writer.awaitMoreWrites();
        onSource("ALTER TABLE events MODIFY id BIGINT NOT NULL AUTO_INCREMENT, MODIFY b VARCHAR(5)");
        writer.awaitMoreWrites();
        // MySQL evaluates an expression default for every existing row; Debezium reports no default at all.
        onSource("ALTER TABLE events ADD COLUMN tag INT DEFAULT (a * 2)");
        writer.awaitMoreWrites();
        awaitInSync();

        assertTrue(targetIndexes().contains("orders orders_ix_qty index (qty)"), targetIndexes().toString());
        // A statement before the copy position of its table's running resync is in that copy: no second one.
        assertTrue(finishedResyncs() >= 3, "resyncs: " + finishedResyncs());
        assertEquals("0", targetValue("SELECT count(*) FROM tandem.resync WHERE phase <> 'DONE'"));
        assertEquals(0, schemasNamed("tandem_resync_%"), "no staging schema is left behind");
        assertFalse(daemon.replication().anyFailure().isDone(), "replication never stopped");
        writer.requireNoFailure();
    }

    @Test
    void anOperatorCanRecopyATable() throws Exception {
        daemon = Daemon.start(ServersConfig.builder("resync-op", source, database, target, targetDatabase).build(),
                line -> { }, 60_000);
        writer = new Writer();
        writer.start();
        awaitInSync();
        // A row changed behind tandem's back on the target is put right by a re-copy.
        onTarget("UPDATE \"" + database + "\".orders SET qty = -1 WHERE id = 1");
        daemon.replication().resync(new TableId(database, "orders"));
        Await.until("the resync to finish", WAIT, () -> finishedResyncs() == 1);
        writer.awaitMoreWrites();
        awaitInSync();
        writer.requireNoFailure();
    }

    @Test
    void theControlEndpointTakesAndShowsResyncs() throws Exception {
        daemon = Daemon.start(ServersConfig.builder("resync-http", source, database, target, targetDatabase).build(),
                line -> { }, 60_000);
        InetSocketAddress control = daemon.control().address();

        HttpResponse<String> requested = ControlHttp.post(control, "/resync",
                "{\"database\": \"" + database + "\", \"table\": \"orders\"}");
        assertEquals(202, requested.statusCode(), requested.body());
        long id = JSON.readTree(requested.body()).path("id").asLong();
        Await.until("the resync to be swapped in", WAIT, () -> {
            for (JsonNode resync : JSON.readTree(ControlHttp.get(control, "/resync"))) {
                if (resync.path("id").asLong() == id) {
                    return "swapped".equals(resync.path("phase").asText());
                }
            }
            return false;
        });
        JsonNode listed = JSON.readTree(ControlHttp.get(control, "/status")).path("resync").get(0);
        assertEquals("orders", listed.path("table").path("table").asText(), listed.toString());
        assertEquals(1500, listed.path("rowsCopied").asLong(), listed.toString());
        String metrics = ControlHttp.get(control, "/metrics");
        assertTrue(metrics.contains("tandem_resync_rows_copied{table=\"" + database + ".orders\"} 1500"), metrics);
        assertTrue(metrics.contains("tandem_resyncs_unfinished 0"), metrics);

        for (String bad : List.of("{\"table\": \"" + database + ".missing\"}", "{\"table\": \"orders\"}", "{}")) {
            HttpResponse<String> refused = ControlHttp.post(control, "/resync", bad);
            assertEquals(400, refused.statusCode(), bad + " -> " + refused.body());
        }
        assertTrue(ControlHttp.post(control, "/resync?table=" + database + ".missing", "").body()
                .contains("tandem does not replicate " + database + ".missing"));
    }

    private long finishedResyncs() throws SQLException {
        return Long.parseLong(targetValue("SELECT count(*) FROM tandem.resync WHERE phase = 'DONE'"
                + " AND source_database = '" + database + "'"));
    }

    private long schemasNamed(String pattern) throws SQLException {
        return Long.parseLong(targetValue("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '" + pattern + "'"));
    }

    private List<String> targetIndexes() throws SQLException {
        return List.copyOf(DdlIndexReplicationTest.TargetIndexes.read(target, targetDatabase, database));
    }

    /** Inserts, updates and deletes on both tables until closed, one transaction at a time. */
    private final class Writer implements AutoCloseable {

        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong writes = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread = new Thread(this::run, "resync-writer");

        void start() {
            thread.start();
        }

        private void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            try (Connection connection = source.connect(database)) {
                connection.setAutoCommit(false);
                while (!stop.get()) {
                    try (Statement statement = connection.createStatement()) {
                        int a = random.nextInt(300);
                        statement.execute("INSERT INTO events (a, b) VALUES (" + a + ", 'w" + a % 5 + "')");
                        statement.execute("DELETE FROM events WHERE a = " + random.nextInt(300) + " LIMIT 1");
                        statement.execute("UPDATE events SET b = 'u' WHERE a = " + random.nextInt(300) + " LIMIT 1");
                        statement.execute("INSERT INTO orders (qty, price) VALUES (" + a + ", " + a / 3.0 + ")");
                        statement.execute("UPDATE orders SET qty = qty + 1 WHERE id = " + (1 + random.nextInt(1500)));
                        connection.commit();
                        writes.incrementAndGet();
                    } catch (SQLException e) {
                        // A statement waiting on the ALTER's metadata lock may time out; the transaction retries.
                        connection.rollback();
                        if (e.getErrorCode() != 1205 && e.getErrorCode() != 1213) {
                            throw e;
                        }
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        void awaitMoreWrites() {
            long now = writes.get();
            Await.until("the writer to commit more", WAIT, () -> writes.get() >= now + 20 || failure.get() != null);
            requireNoFailure();
        }

        void requireNoFailure() {
            if (failure.get() != null) {
                throw new AssertionError("the writer failed", failure.get());
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(30_000);
        }
    }

    private void onSource(String... statements) throws SQLException {
        try (Connection connection = source.connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private void onTarget(String sql) throws SQLException {
        try (Connection connection = target.connect(targetDatabase); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String targetValue(String sql) throws SQLException {
        try (Connection connection = target.connect(targetDatabase); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /**
     * Pauses the writer, then a marker row through the binlog, no resync left (a table being re-copied keeps its
     * target table as it was at the statement until the swap) and a marker again; then the two sides must be equal.
     */
    private void awaitInSync() throws Exception {
        writer.close();
        awaitMarker();
        Await.until("re-copied tables to be swapped in", WAIT, () -> !daemon.replication().resyncing());
        awaitMarker();
        ComparisonReport report = new RowComparator(source, target, targetDatabase).compare(database);
        assertTrue(report.isEqual(), report.toString());
        assertEquals(DdlIndexReplicationTest.SourceIndexes.read(source, database),
                DdlIndexReplicationTest.TargetIndexes.read(target, targetDatabase, database));
        writer = new Writer();
        writer.start();
    }

    private void awaitMarker() throws Exception {
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = source.connect(database);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO marker (nonce) VALUES (?)")) {
            insert.setString(1, nonce);
            insert.executeUpdate();
        }
        Await.until("the marker to reach PostgreSQL", WAIT, () -> {
            if (daemon.replication().anyFailure().isCompletedExceptionally()) {
                daemon.replication().anyFailure().join();
            }
            return nonce.equals(targetValue("SELECT nonce FROM \"" + database + "\".marker WHERE nonce = '" + nonce
                    + "'"));
        });
    }
}
