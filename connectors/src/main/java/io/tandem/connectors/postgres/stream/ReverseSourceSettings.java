package io.tandem.connectors.postgres.stream;

import io.tandem.engine.config.Secret;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the reverse source needs besides its tables and offset store.
 *
 * @param instanceName the tandem instance: names the Debezium engine and logical server (the stored offset's
 *     partition is derived from it, so it must stay the same across restarts) and picks this instance's heartbeats
 * @param database the PostgreSQL database tandem replicated into
 * @param password revealed only to Debezium, whose logging masks keys ending in {@code password}
 * @param sslMode pgjdbc's {@code sslmode} (the target's {@code target.ssl-mode}), also Debezium's {@code database.sslmode}
 * @param sslFiles pgjdbc's {@code sslrootcert}, {@code sslcert}, {@code sslkey} as {@code target.url} gives them
 * @param slotName the logical replication slot (pgoutput) tandem created beforehand
 * @param publicationName the publication over the replicated tables and the control tables, created beforehand
 * @param controlSchema the schema of {@code reverse_heartbeat} and {@code reverse_fence}
 * @param maxBatchSize records per Debezium batch ({@code max.batch.size})
 * @param maxQueueSize records Debezium buffers ({@code max.queue.size}, must exceed the batch size)
 * @param connectTimeout how long to wait for the server when reading its version
 */
public record ReverseSourceSettings(
        String instanceName,
        String host,
        int port,
        String database,
        String user,
        Secret password,
        String sslMode,
        Map<String, String> sslFiles,
        String slotName,
        String publicationName,
        String controlSchema,
        int maxBatchSize,
        int maxQueueSize,
        Duration connectTimeout) {

    public ReverseSourceSettings {
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sslMode, "sslMode");
        sslFiles = Map.copyOf(sslFiles);
        Objects.requireNonNull(slotName, "slotName");
        Objects.requireNonNull(publicationName, "publicationName");
        Objects.requireNonNull(controlSchema, "controlSchema");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxQueueSize <= maxBatchSize) {
            throw new IllegalArgumentException("maxQueueSize (" + maxQueueSize + ") must exceed maxBatchSize ("
                    + maxBatchSize + ")");
        }
    }

    /** The Debezium logical server name ({@code topic.prefix}); the offset partition is {@code {server: it}}. */
    String logicalName() {
        return instanceName + "-reverse";
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
