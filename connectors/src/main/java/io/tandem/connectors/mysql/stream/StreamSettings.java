package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.jdbc.SourceEndpoint;
import io.tandem.engine.config.DdlConfig.UnsupportedDdlPolicy;
import io.tandem.engine.model.TableId;
import io.tandem.engine.values.ValuePolicies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What the binlog source needs besides its tables and state.
 *
 * @param source where the server listens and how tandem logs in (the password is only revealed to Debezium, whose
 *     logging masks keys ending in {@code password})
 * @param databases the databases to read; Debezium captures only these
 * @param tables which tables of those databases tandem replicates, also for tables created while streaming
 * @param tableIncludeList Debezium {@code table.include.list} regular expressions ({@code db.table}, matched
 *     whole), or empty to let Debezium decode every table of the databases and leave the choice to {@code tables}.
 *     Use it to keep Debezium away from tables tandem never replicates (their rows are decoded otherwise).
 * @param serverId the replica id tandem uses on the source, unique among all its replicas
 * @param instanceName names the Debezium engine and its logical server ({@code topic.prefix}); the stored
 *     offset's partition is derived from it, so it must stay the same across restarts
 * @param maxBatchSize records per Debezium batch ({@code max.batch.size})
 * @param maxQueueSize records Debezium buffers ({@code max.queue.size}, must exceed the batch size)
 * @param maxQueueBytes bytes Debezium buffers ({@code max.queue.size.in.bytes}), 0 for no byte bound
 * @param connectTimeout how long Debezium waits to connect to the server
 * @param onUnsupportedDdl whether a schema change without an exact translation stops the stream or is skipped
 *     (then passed on as a {@code SkippedSchemaChange} for the sink to record)
 * @param valuePolicies what happens to values PostgreSQL cannot hold
 * @param controlDatabase tandem's control database ({@code source.control-database}), captured as well so its
 *     heartbeat and fence rows come through the stream (never as replicated tables); null to capture none
 */
public record StreamSettings(
        SourceEndpoint source,
        List<String> databases,
        Predicate<TableId> tables,
        List<String> tableIncludeList,
        long serverId,
        String instanceName,
        int maxBatchSize,
        int maxQueueSize,
        long maxQueueBytes,
        Duration connectTimeout,
        UnsupportedDdlPolicy onUnsupportedDdl,
        ValuePolicies valuePolicies,
        String controlDatabase) {

    public StreamSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(onUnsupportedDdl, "onUnsupportedDdl");
        Objects.requireNonNull(valuePolicies, "valuePolicies");
        databases = List.copyOf(databases);
        tableIncludeList = List.copyOf(tableIncludeList);
        if (databases.isEmpty()) {
            throw new IllegalArgumentException("at least one database to stream");
        }
        if (controlDatabase != null && databases.contains(controlDatabase)) {
            throw new IllegalArgumentException("the control database " + controlDatabase + " is also replicated");
        }
        if (serverId <= 0 || serverId > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("server id must be in 1.." + 0xFFFFFFFFL + ", got " + serverId);
        }
        if (maxBatchSize < 1 || maxQueueSize <= maxBatchSize || maxQueueBytes < 0) {
            throw new IllegalArgumentException("need 1 <= max batch size < max queue size and queue bytes >= 0, got "
                    + maxBatchSize + ", " + maxQueueSize + ", " + maxQueueBytes);
        }
    }

    /** With the default value policies and no control database. */
    public StreamSettings(SourceEndpoint source, List<String> databases, Predicate<TableId> tables,
                          List<String> tableIncludeList, long serverId, String instanceName, int maxBatchSize,
                          int maxQueueSize, long maxQueueBytes, Duration connectTimeout,
                          UnsupportedDdlPolicy onUnsupportedDdl) {
        this(source, databases, tables, tableIncludeList, serverId, instanceName, maxBatchSize, maxQueueSize,
                maxQueueBytes, connectTimeout, onUnsupportedDdl, ValuePolicies.DEFAULTS, null);
    }

    /** What Debezium captures: the replicated databases, and the control database after them. */
    List<String> capturedDatabases() {
        List<String> captured = new ArrayList<>(databases);
        if (controlDatabase != null) {
            captured.add(controlDatabase);
        }
        return captured;
    }
}
