package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.debezium.CommittedOffsetBackingStore;
import io.tandem.connectors.mysql.jdbc.Flavor;
import io.tandem.converters.ExactTypesConverter;
import io.tandem.converters.Latin1TextConverter;
import io.tandem.converters.ZeroDatesConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The Debezium engine and connector configuration tandem runs with. Each option is here for a reason given next
 * to it; the choices that shape values are those TYPES.md §a.1 recommends.
 */
final class DebeziumConfig {

    /** How the connector starts: both only stream; tandem's copier did the data snapshot. */
    enum StartMode {
        /** Offset stored, no schema history: read today's schema, then stream from the offset (first start). */
        RECOVERY("recovery"),
        /** Offset and schema history stored: replay the history, then stream (every later start). */
        NO_DATA("no_data");

        final String snapshotMode;

        StartMode(String snapshotMode) {
            this.snapshotMode = snapshotMode;
        }
    }

    private DebeziumConfig() {
    }

    static Properties of(StreamSettings settings, StartMode mode, String stateStoreId) {
        Properties p = new Properties();
        p.setProperty("name", settings.instanceName());
        p.setProperty("connector.class", settings.source().flavor() == Flavor.MARIADB
                ? "io.debezium.connector.mariadb.MariaDbConnector" : "io.debezium.connector.mysql.MySqlConnector");
        p.setProperty("topic.prefix", settings.instanceName());

        // Offsets and schema history live in the target (StateStore); the offset store only reads.
        p.setProperty("offset.storage", CommittedOffsetBackingStore.class.getName());
        p.setProperty(CommittedOffsetBackingStore.ID_CONFIG, stateStoreId);
        // Flushing writes nothing (see CommittedOffsetBackingStore); frequent flushes keep the engine's
        // bookkeeping of processed records small.
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("schema.history.internal", StateStoreSchemaHistory.class.getName());
        p.setProperty(StateStoreSchemaHistory.ID_CONFIG, stateStoreId);
        // DDL of databases tandem does not read would only grow the history.
        p.setProperty("schema.history.internal.store.only.captured.databases.ddl", "true");

        p.setProperty("database.hostname", settings.source().host());
        p.setProperty("database.port", Integer.toString(settings.source().port()));
        p.setProperty("database.user", settings.source().user());
        p.setProperty("database.password", settings.source().password().reveal());
        settings.source().driverProperties().forEach((key, value) -> p.setProperty("database." + key, value));
        // The binlog connection reads its own key, not the driver's, and defaults to "preferred": encrypted only if
        // the server offers it, never verified. Both connectors take the driver's value, lower-cased.
        String sslMode = settings.source().driverProperties().get("sslMode");
        if (sslMode != null) {
            p.setProperty("database.ssl.mode", sslMode.toLowerCase(Locale.ROOT));
        }
        p.setProperty("database.server.id", Long.toString(settings.serverId()));
        p.setProperty("connect.timeout.ms", Long.toString(settings.connectTimeout().toMillis()));
        // The binlog client notices a dropped connection only when its keep-alive thread wakes up and reconnects
        // (from its own position, so nothing repeats); the default minute would stall replication that long.
        p.setProperty("connect.keep.alive.interval.ms", "10000");
        // The control database too: its heartbeat and fence rows are how lag and drains are measured.
        p.setProperty("database.include.list", databaseIncludeList(settings.capturedDatabases()));
        if (!settings.tableIncludeList().isEmpty()) {
            List<String> tables = new ArrayList<>(settings.tableIncludeList());
            if (settings.controlDatabase() != null) {
                tables.add(literalRegex(settings.controlDatabase()) + "\\..*");
            }
            p.setProperty("table.include.list", String.join(",", tables));
        }

        p.setProperty("snapshot.mode", mode.snapshotMode);
        // Recovery reads only the schema; no lock is needed for that, and none must block the application.
        p.setProperty("snapshot.locking.mode", "none");

        // Exact values (TYPES.md §a.1): no sign flip above 2^63, no BigDecimal rounding, raw bytes, µs temporals,
        // no 2-digit-year rewriting, and a failure instead of a NULL when a value cannot be converted.
        p.setProperty("bigint.unsigned.handling.mode", "precise");
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty("binary.handling.mode", "bytes");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("enable.time.adjuster", "false");
        p.setProperty("event.converting.failure.handling.mode", "fail");
        p.setProperty("event.processing.failure.handling.mode", "fail");
        p.setProperty("inconsistent.schema.handling.mode", "fail");
        p.setProperty("converters", "tandem,zerodates,latin1");
        p.setProperty("tandem.type", ExactTypesConverter.class.getName());
        p.setProperty("zerodates.type", ZeroDatesConverter.class.getName());
        p.setProperty("latin1.type", Latin1TextConverter.class.getName());

        // TRUNCATE is skipped unless asked for; schema changes and transaction boundaries are needed downstream.
        p.setProperty("skipped.operations", "none");
        p.setProperty("include.schema.changes", "true");
        p.setProperty("provide.transaction.metadata", "true");
        // Tombstones only serve Kafka log compaction.
        p.setProperty("tombstones.on.delete", "false");

        // Bounded buffers (DESIGN invariant 6); a short poll interval, because it is also the batching window.
        p.setProperty("max.batch.size", Integer.toString(settings.maxBatchSize()));
        p.setProperty("max.queue.size", Integer.toString(settings.maxQueueSize()));
        p.setProperty("max.queue.size.in.bytes", Long.toString(settings.maxQueueBytes()));
        p.setProperty("poll.interval.ms", "50");
        return p;
    }

    /** Debezium reads the list as comma-separated regular expressions; tandem means literal names. */
    static String databaseIncludeList(List<String> databases) {
        return databases.stream().map(DebeziumConfig::literalRegex).collect(Collectors.joining(","));
    }

    private static String literalRegex(String name) {
        if (name.indexOf(',') >= 0) {
            throw new IllegalArgumentException("database name '" + name + "' contains a comma, which Debezium's "
                    + "include list cannot express");
        }
        StringBuilder regex = new StringBuilder();
        for (char c : name.toCharArray()) {
            if ("\\.[]{}()<>*+-=!?^$|".indexOf(c) >= 0) {
                regex.append('\\');
            }
            regex.append(c);
        }
        return regex.toString();
    }
}
