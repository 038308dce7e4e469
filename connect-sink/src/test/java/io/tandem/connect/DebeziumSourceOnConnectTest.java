package io.tandem.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.connect.harness.ConnectRest;
import io.tandem.connect.harness.ConnectorSettings;
import io.tandem.connect.harness.EmbeddedConnectWorker;
import io.tandem.connect.harness.EmbeddedKafka;
import io.tandem.connect.harness.ForkedConnectWorker;
import io.tandem.demo.servers.Flavor;
import io.tandem.demo.servers.SourceServer;
import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The harness's smoke test: Debezium's MariaDB source connector (its MySQL one when the test servers are
 * MySQL) on a Connect worker writes the standard
 * change-event envelope to the in-process broker, through a snapshot, streaming, a worker in this JVM that
 * stops and starts again, and a worker in a child JVM that is killed and started again, while rows are being
 * written. The broker and the in-JVM worker are shared by the tests of this class; each test has its own
 * database, connector, topic prefix and server id.
 */
class DebeziumSourceOnConnectTest {

    private static final Logger LOG = LoggerFactory.getLogger(DebeziumSourceOnConnectTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static long classStarted;
    private static SourceServer source;
    private static EmbeddedKafka kafka;
    private static EmbeddedConnectWorker worker;

    @BeforeAll
    static void startServers() throws Exception {
        classStarted = System.nanoTime();
        // MariaDB starts on its own thread while the broker and then the worker start on this one.
        CompletableFuture<SourceServer> sourceStart = CompletableFuture.supplyAsync(TestServers::source);
        kafka = EmbeddedKafka.start();
        worker = EmbeddedConnectWorker.start(kafka, "tandem-smoke");
        source = sourceStart.join();
        LOG.info("servers ready after {} ms (broker {} ms, worker {} ms)", millisSince(classStarted),
                kafka.startup().toMillis(), worker.lastStartup().toMillis());
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        LOG.info("test class took {} ms", millisSince(classStarted));
    }

    @Test
    void snapshotAndStreamedChangesArriveInDebeziumsEnvelope() throws Exception {
        String database = source.createDatabase("connect_smoke");
        execute(database,
                "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        String prefix = "smoke";
        worker.rest().putConnector("smoke-source", ConnectorSettings.debeziumSource(source, kafka, prefix, database, 5401));
        worker.rest().awaitRunning("smoke-source", 1, TIMEOUT);

        String topic = prefix + "." + database + ".items";
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = kafka.consumer(List.of(topic))) {
            // The snapshot first: rows changed before the snapshot reads its binlog position show in the
            // snapshot, not as changes.
            readUntil(consumer, events, seen -> seen.size() >= 3);
            execute(database,
                    "INSERT INTO items VALUES (4, 'four'), (5, 'five')",
                    "UPDATE items SET name = 'uno' WHERE id = 1",
                    "DELETE FROM items WHERE id = 2");
            readUntil(consumer, events, seen -> seen.size() >= 7);
        }
        assertEquals(List.of("r:1", "r:2", "r:3", "c:4", "c:5", "u:1", "d:2"),
                events.stream().map(DebeziumSourceOnConnectTest::opAndId).toList());
        for (JsonNode event : events) {
            assertEquals(prefix + "." + database + ".items.Envelope", event.path("schema").path("name").asText());
            JsonNode sourceInfo = event.path("payload").path("source");
            String connector = source.flavor() == Flavor.MARIADB ? "mariadb" : "mysql";
            assertEquals(connector, sourceInfo.path("connector").asText());
            assertEquals(database, sourceInfo.path("db").asText());
            assertEquals("items", sourceInfo.path("table").asText());
        }
        JsonNode update = events.get(5).path("payload");
        assertEquals("one", update.path("before").path("name").asText());
        assertEquals("uno", update.path("after").path("name").asText());
        JsonNode delete = events.get(6).path("payload");
        assertEquals("two", delete.path("before").path("name").asText());
        assertTrue(delete.path("after").isNull(), "a delete has no after image");
    }

    @Test
    void rowsWrittenWhileTheWorkerRestartsArriveAtLeastOnce() throws Exception {
        writeAcross("restart", 5402, worker::rest, () -> {
            worker.stop();
            worker.start();
            LOG.info("worker restarted mid-stream in {} ms", worker.lastStartup().toMillis());
        });
    }

    @Test
    void rowsWrittenWhileAKilledWorkerComesBackArriveAtLeastOnce() throws Exception {
        try (ForkedConnectWorker forked = ForkedConnectWorker.start(kafka, "tandem-smoke-forked")) {
            LOG.info("forked worker started in {} ms", forked.lastStartup().toMillis());
            writeAcross("kill", 5403, forked::rest, () -> {
                forked.kill();
                forked.start();
                LOG.info("killed worker started again in {} ms", forked.lastStartup().toMillis());
            });
        }
    }

    /**
     * Captures a table with a connector on the worker that {@code rest} reaches, writes 300 rows one by one and
     * {@code interrupts} the worker after the first 100; every row must arrive, some maybe twice.
     */
    private static void writeAcross(String prefix, int serverId, Supplier<ConnectRest> rest, Interruption interrupt)
            throws Exception {
        String database = source.createDatabase("connect_" + prefix);
        execute(database,
                "CREATE TABLE ticks (id INT PRIMARY KEY, at TIMESTAMP(6) NOT NULL)",
                "INSERT INTO ticks VALUES (0, CURRENT_TIMESTAMP(6))");
        String connector = prefix + "-source";
        rest.get().putConnector(connector, ConnectorSettings.debeziumSource(source, kafka, prefix, database, serverId));
        rest.get().awaitRunning(connector, 1, TIMEOUT);

        int rows = 300;
        String topic = prefix + "." + database + ".ticks";
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = kafka.consumer(List.of(topic))) {
            // The writer starts once the snapshot has been read: with snapshot.locking.mode=none, a row committed
            // while the snapshot starts can arrive both as read and as created, which this test does not measure.
            readUntil(consumer, events, seen -> seen.size() >= 1);
            assertEquals(List.of("r:0"), events.stream().map(DebeziumSourceOnConnectTest::opAndId).toList());

            CountDownLatch thirdWritten = new CountDownLatch(rows / 3);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeTicks(database, rows, thirdWritten));
            assertTrue(thirdWritten.await(30, TimeUnit.SECONDS), "the writer wrote a third of its rows");
            interrupt.run();
            rest.get().awaitRunning(connector, 1, TIMEOUT);
            writer.get(60, TimeUnit.SECONDS);
            readUntil(consumer, events, seen -> distinctIds(seen).size() >= rows + 1);
        }
        Set<Integer> ids = distinctIds(events);
        assertEquals(rows + 1, ids.size(), "every row written arrived");
        assertEquals(Integer.valueOf(0), ids.iterator().next());
        assertEquals(Integer.valueOf(rows), ((TreeSet<Integer>) ids).last());
        List<Integer> repeated = repeatedIds(events);
        LOG.info("{}: {} rows written across the interruption arrived as {} events; {} ids arrived twice or more: {}",
                prefix, rows, events.size() - 1, repeated.size(), ranges(repeated));
    }

    /** What happens to the worker mid-stream. */
    private interface Interruption {
        void run() throws Exception;
    }

    private static void writeTicks(String database, int rows, CountDownLatch progress) {
        try (Connection connection = source.connect(database);
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO ticks VALUES (?, CURRENT_TIMESTAMP(6))")) {
            for (int id = 1; id <= rows; id++) {
                insert.setInt(1, id);
                insert.executeUpdate();
                progress.countDown();
                Thread.sleep(10);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Adds the parsed values {@code consumer} reads to {@code seen} until {@code enough} holds for them. */
    private static void readUntil(KafkaConsumer<String, String> consumer, List<JsonNode> seen,
            Predicate<List<JsonNode>> enough) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!enough.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + TIMEOUT + " only " + seen.size() + " events on "
                        + consumer.subscription() + ": "
                        + seen.stream().map(DebeziumSourceOnConnectTest::opAndId).toList());
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                seen.add(JSON.readTree(record.value()));
            }
        }
    }

    private static Set<Integer> distinctIds(List<JsonNode> events) {
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode event : events) {
            ids.add(rowImage(event.path("payload")).path("id").asInt());
        }
        return ids;
    }

    private static List<Integer> repeatedIds(List<JsonNode> events) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (JsonNode event : events) {
            counts.merge(rowImage(event.path("payload")).path("id").asInt(), 1, Integer::sum);
        }
        return counts.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    /** Sorted ids as ranges, {@code [3-7, 9]}. */
    private static List<String> ranges(List<Integer> sorted) {
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            int first = sorted.get(i);
            while (i + 1 < sorted.size() && sorted.get(i + 1) == sorted.get(i) + 1) {
                i++;
            }
            ranges.add(first == sorted.get(i) ? Integer.toString(first) : first + "-" + sorted.get(i));
        }
        return ranges;
    }

    private static String opAndId(JsonNode event) {
        JsonNode payload = event.path("payload");
        return payload.path("op").asText() + ":" + rowImage(payload).path("id").asInt();
    }

    private static JsonNode rowImage(JsonNode payload) {
        return payload.path("after").isNull() ? payload.path("before") : payload.path("after");
    }

    private static void execute(String database, String... statements) throws SQLException {
        try (Connection connection = source.connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
