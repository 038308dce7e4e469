package io.tandem.connect.harness;

import io.tandem.demo.servers.Flavor;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import java.util.HashMap;
import java.util.Map;

/**
 * The source and sink connector settings the README's "Running on Kafka Connect" section documents, for the test
 * servers: what tandem's sink needs from Debezium's source connector (exact value modes, tandem's converters, the
 * MySQL type on every field) and the sink's own settings.
 */
public final class ConnectorSettings {

    private ConnectorSettings() {
    }

    /** Debezium's MariaDB (or MySQL) source connector, as tandem's sink needs it. */
    public static Map<String, String> source(SourceServer source, EmbeddedKafka kafka, String prefix, String database,
                                             int serverId) {
        Map<String, String> config = debeziumSource(source, kafka, prefix, database, serverId);
        // What tandem's sink needs: the MySQL type of every column, and values as exact as the daemon reads them.
        config.put("column.propagate.source.type", ".*");
        config.put("bigint.unsigned.handling.mode", "precise");
        config.put("decimal.handling.mode", "precise");
        config.put("binary.handling.mode", "bytes");
        config.put("time.precision.mode", "adaptive_time_microseconds");
        config.put("enable.time.adjuster", "false");
        config.put("event.converting.failure.handling.mode", "fail");
        config.put("converters", "tandem,zerodates,latin1");
        config.put("tandem.type", "io.tandem.converters.ExactTypesConverter");
        config.put("zerodates.type", "io.tandem.converters.ZeroDatesConverter");
        config.put("latin1.type", "io.tandem.converters.Latin1TextConverter");
        // TRUNCATE reaches the topics only when asked for.
        config.put("skipped.operations", "none");
        return config;
    }

    /** Debezium's MariaDB (or MySQL) source connector with its defaults, capturing {@code database}. */
    public static Map<String, String> debeziumSource(SourceServer source, EmbeddedKafka kafka, String prefix,
                                                     String database, int serverId) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", source.flavor() == Flavor.MARIADB
                ? "io.debezium.connector.mariadb.MariaDbConnector" : "io.debezium.connector.mysql.MySqlConnector");
        config.put("tasks.max", "1");
        config.put("topic.prefix", prefix);
        config.put("database.hostname", source.host());
        config.put("database.port", Integer.toString(source.port()));
        config.put("database.user", source.engineUser());
        config.put("database.password", source.enginePassword());
        config.put("database.server.id", Integer.toString(serverId));
        config.put("database.include.list", database);
        config.put("snapshot.mode", "initial");
        config.put("snapshot.locking.mode", "none");
        config.put("schema.history.internal.kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("schema.history.internal.kafka.topic", prefix + ".schema-history");
        config.put("schema.history.internal.store.only.captured.databases.ddl", "true");
        config.put("tombstones.on.delete", "false");
        config.put("poll.interval.ms", "50");
        return config;
    }

    /** tandem's sink connector, reading every table topic of {@code database} under {@code prefix}. */
    public static Map<String, String> sink(TargetServer target, String targetDatabase, String prefix,
                                           String database, int tasks) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.tandem.connect.TandemSinkConnector");
        config.put("tasks.max", Integer.toString(tasks));
        config.put("topics.regex", java.util.regex.Pattern.quote(prefix + "." + database + ".") + ".*");
        config.put("connection.url", target.jdbcUrl(targetDatabase));
        config.put("connection.user", target.adminUser());
        config.put("connection.password", target.adminPassword());
        // A pattern subscription sees topics created after it (tables the source connector reaches later) only
        // when the consumer refreshes its metadata: every 5 minutes by default.
        config.put("consumer.override.metadata.max.age.ms", "1000");
        // A killed worker's consumer holds its partitions until its session times out (45 s by default).
        config.put("consumer.override.session.timeout.ms", "6000");
        config.put("consumer.override.heartbeat.interval.ms", "1000");
        // Debezium writes one topic per table, of one partition; the consumer's default range assignment gives
        // every such topic to the same task, so more tasks would sit idle.
        config.put("consumer.override.partition.assignment.strategy",
                "org.apache.kafka.clients.consumer.RoundRobinAssignor");
        return config;
    }
}
