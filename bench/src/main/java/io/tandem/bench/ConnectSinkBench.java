package io.tandem.bench;

import io.tandem.connect.harness.ConnectRest;
import io.tandem.connect.harness.ConnectorSettings;
import io.tandem.connect.harness.EmbeddedKafka;
import io.tandem.connect.harness.ForkedConnectWorker;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The sink connector's apply rates on a Kafka Connect worker, on the workload {@link ReplicationBench} gives the
 * daemon: sysbench-shaped tables, then a backlog of {@code oltp_write_only}-like transactions (update the index
 * column, update the text column, delete a row, re-insert it). Debezium's MariaDB source connector first writes
 * everything to Kafka while the sink waits, so the rates are the sink's alone: Kafka to PostgreSQL.
 * <ol>
 *   <li>snapshot: rows/s from creating the sink connector until every snapshot row is in PostgreSQL;</li>
 *   <li>streaming apply: events/s from resuming the paused sink until PostgreSQL's stored offsets reach the end
 *       of every table's topic.</li>
 * </ol>
 * Arguments: {@code [tables] [rows per table] [transactions] [writer threads] [sink tasks]}, default
 * {@code 4 100000 20000 4 1}.
 */
public final class ConnectSinkBench {

    private static final String DATABASE = "sbtest";
    private static final String PREFIX = "bench";
    private static final String SOURCE = "bench-source";
    private static final String SINK = "bench-sink";
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    public static void main(String[] args) throws Exception {
        int tables = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int transactions = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int writers = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int sinkTasks = args.length > 4 ? Integer.parseInt(args[4]) : 1;

        TestServers.Pair servers = TestServers.both();
        SourceServer source = servers.source();
        TargetServer target = servers.target();
        String sourceDatabase = source.createDatabase(DATABASE);
        try (Connection connection = source.connect(sourceDatabase); Statement statement = connection.createStatement()) {
            SysbenchTables.create(connection, tables, rows);
        }
        String targetDatabase = target.createDatabase(DATABASE);

        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             ForkedConnectWorker worker = ForkedConnectWorker.start(kafka, "tandem-bench")) {
            ConnectRest rest = worker.rest();
            rest.putConnector(SOURCE, ConnectorSettings.source(source, kafka, PREFIX, sourceDatabase, 5901));
            rest.awaitRunning(SOURCE, 1, TIMEOUT);
            List<String> topics = new ArrayList<>();
            for (int t = 1; t <= tables; t++) {
                topics.add(topic(sourceDatabase, "sbtest" + t));
            }
            awaitRecords(kafka, topics, (long) tables * rows);
            System.out.printf("source connector wrote the %d x %,d row snapshot to Kafka%n", tables, rows);

            long snapshotStarted = System.nanoTime();
            rest.putConnector(SINK, sink(target, targetDatabase, sourceDatabase, sinkTasks));
            while (targetRows(target, targetDatabase, sourceDatabase, tables) < (long) tables * rows) {
                rest.awaitRunning(SINK, sinkTasks, TIMEOUT);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            double snapshotSeconds = seconds(snapshotStarted);
            System.out.printf("SNAPSHOT (Kafka to PostgreSQL, %d task(s)): %,d rows in %.1fs = %,.0f rows/s%n",
                    sinkTasks, (long) tables * rows, snapshotSeconds, tables * (double) rows / snapshotSeconds);

            rest.pause(SINK);
            rest.awaitState(SINK, "PAUSED", TIMEOUT);
            long writeStarted = System.nanoTime();
            OltpWorkload.writeBacklog(source, sourceDatabase, tables, rows, transactions, writers);
            double writeSeconds = seconds(writeStarted);
            long events = 4L * transactions;
            System.out.printf("SOURCE: %,d transactions (%,d row events) in %.1fs = %,.0f events/s%n", transactions,
                    events, writeSeconds, events / writeSeconds);
            awaitRecords(kafka, topics, (long) tables * rows + events);
            System.out.println("source connector wrote the backlog to Kafka");

            // Each table's topic is applied on its own: a marker row in one topic says nothing about the others,
            // so the drain ends when PostgreSQL's stored offsets reach the end of every table's topic.
            Map<String, Long> ends = endOffsets(kafka, topics);
            long drainStarted = System.nanoTime();
            rest.resume(SINK);
            while (!appliedUpTo(target, targetDatabase, ends)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            double drainSeconds = seconds(drainStarted);
            System.out.printf("APPLY (Kafka to PostgreSQL, %d task(s)): drained %,d events in %.1fs = %,.0f events/s%n",
                    sinkTasks, events, drainSeconds, events / drainSeconds);
        }
        System.exit(0);
    }

    private static Map<String, String> sink(TargetServer target, String targetDatabase, String sourceDatabase,
                                            int tasks) {
        Map<String, String> config = ConnectorSettings.sink(target, targetDatabase, PREFIX, sourceDatabase, tasks);
        // As many records per put as the daemon's batches hold rows (apply.batch-max-rows).
        config.put("consumer.override.max.poll.records", "5000");
        return config;
    }

    private static Map<String, Long> endOffsets(EmbeddedKafka kafka, List<String> topics) {
        try (KafkaConsumer<String, String> consumer = kafka.consumer(List.of())) {
            Map<String, Long> ends = new HashMap<>();
            consumer.endOffsets(topics.stream().map(topic -> new TopicPartition(topic, 0)).toList(),
                    Duration.ofSeconds(30)).forEach((partition, end) -> ends.put(partition.topic(), end));
            return ends;
        }
    }

    /** Whether PostgreSQL's stored offset of every topic has reached {@code ends}. */
    private static boolean appliedUpTo(TargetServer target, String targetDatabase, Map<String, Long> ends)
            throws SQLException {
        Map<String, Long> applied = new HashMap<>();
        try (Connection connection = target.connect(targetDatabase); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT CAST(partition_key AS jsonb) ->> 'kafka.topic',"
                     + " (source_offset ->> 'kafka.next.offset')::bigint FROM tandem.offsets")) {
            while (rows.next()) {
                applied.put(rows.getString(1), rows.getLong(2));
            }
        }
        return ends.entrySet().stream().allMatch(end -> applied.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    private static String topic(String database, String table) {
        return PREFIX + "." + database + "." + table;
    }

    /** Waits until the topics hold at least {@code records} records together. */
    private static void awaitRecords(EmbeddedKafka kafka, List<String> topics, long records) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<String, String> consumer = kafka.consumer(List.of())) {
            List<TopicPartition> partitions = topics.stream().map(topic -> new TopicPartition(topic, 0)).toList();
            while (true) {
                Map<TopicPartition, Long> ends;
                try {
                    ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
                } catch (RuntimeException notYetCreated) {
                    ends = Map.of();
                }
                if (ends.size() == partitions.size()
                        && ends.values().stream().mapToLong(Long::longValue).sum() >= records) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka did not receive " + records + " records per topic: " + ends);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            }
        }
    }

    /** Rows in the target's copies of the sysbench tables; 0 while any of them does not exist yet. */
    private static long targetRows(TargetServer target, String targetDatabase, String schema, int tables)
            throws SQLException {
        long total = 0;
        try (Connection connection = target.connect(targetDatabase); Statement statement = connection.createStatement()) {
            for (int t = 1; t <= tables; t++) {
                try (ResultSet result = statement.executeQuery(
                        "SELECT count(*) FROM " + quoted(schema) + "." + quoted("sbtest" + t))) {
                    result.next();
                    total += result.getLong(1);
                }
            }
        } catch (SQLException notCreatedYet) {
            return 0;
        }
        return total;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
