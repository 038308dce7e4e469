package io.tandem.connectors.postgres.stream;

import io.tandem.connectors.debezium.CommittedOffsetBackingStore;
import java.util.Properties;

/**
 * The Debezium PostgreSQL connector configuration of the reverse source. Each option is here for a reason given
 * next to it; every key was checked against the 3.5.0.Final sources (CUTOVER.md §3).
 */
final class PgDebeziumConfig {

    /** {@code server_version_num} from which pgoutput accepts the {@code origin} option (PostgreSQL 16). */
    static final int ORIGIN_OPTION_SINCE = 160000;

    private PgDebeziumConfig() {
    }

    /**
     * @param serverVersionNum the server's {@code server_version_num}
     * @param offsetStoreId the registry id of the offset store the reverse sink commits to
     * @param toastPlaceholder what Debezium writes for an unchanged TOASTed value; unique per run, so no stored
     *     value can be mistaken for it
     */
    static Properties of(ReverseSourceSettings settings, int serverVersionNum, String offsetStoreId,
                         String toastPlaceholder) {
        Properties p = new Properties();
        p.setProperty("name", settings.logicalName());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("topic.prefix", settings.logicalName());

        // The offset is what the reverse sink committed in MySQL with the rows; the store only reads it, and the
        // LSN confirmed to the slot is read back from it (lsn.flush.mode=connector), so the slot never passes
        // what MySQL holds. A stored offset behind the slot means the slot was recreated: fail, do not skip.
        p.setProperty("offset.storage", CommittedOffsetBackingStore.class.getName());
        p.setProperty(CommittedOffsetBackingStore.ID_CONFIG, offsetStoreId);
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("lsn.flush.mode", "connector");
        p.setProperty("offset.mismatch.strategy", "trust_offset");

        p.setProperty("database.hostname", settings.host());
        p.setProperty("database.port", Integer.toString(settings.port()));
        p.setProperty("database.user", settings.user());
        p.setProperty("database.password", settings.password().reveal());
        p.setProperty("database.dbname", settings.database());
        p.setProperty("database.sslmode", settings.sslMode());
        settings.sslFiles().forEach((name, file) -> p.setProperty("database." + name, file));

        // tandem creates the slot and the publication when the way back is armed (days before cutover: creating a
        // slot waits for every running transaction); the connector must neither create nor drop them.
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", settings.slotName());
        p.setProperty("publication.name", settings.publicationName());
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("slot.drop.on.stop", "false");
        // Only stream: MySQL already holds every row PostgreSQL had when the slot was created.
        p.setProperty("snapshot.mode", "no_data");
        if (serverVersionNum >= ORIGIN_OPTION_SINCE) {
            // Changes tagged with a replication origin (tandem's forward sink) are dropped by the walsender. Older
            // servers reject the unknown option, and the decoder drops them by source.origin anyway.
            p.setProperty("slot.stream.params", "origin=none");
        }

        // Exact values: decimals and intervals as text (no double, no 30-day months), raw bytes, microsecond
        // temporals at every precision, and a failure instead of a NULL when a value cannot be converted.
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("interval.handling.mode", "string");
        p.setProperty("binary.handling.mode", "bytes");
        p.setProperty("time.precision.mode", "microseconds");
        p.setProperty("event.converting.failure.handling.mode", "fail");
        p.setProperty("event.processing.failure.handling.mode", "fail");
        p.setProperty("unavailable.value.placeholder", toastPlaceholder);
        // Each field carries its PostgreSQL type, length and scale, so a column whose type changed is noticed.
        p.setProperty("column.propagate.source.type", ".*");

        // TRUNCATE is skipped unless asked for; transaction ends carry the commit LSN the sink stores.
        p.setProperty("skipped.operations", "none");
        p.setProperty("provide.transaction.metadata", "true");
        p.setProperty("tombstones.on.delete", "false");

        // Bounded buffers; a short poll interval, because it is also the batching window.
        p.setProperty("max.batch.size", Integer.toString(settings.maxBatchSize()));
        p.setProperty("max.queue.size", Integer.toString(settings.maxQueueSize()));
        p.setProperty("poll.interval.ms", "50");
        return p;
    }
}
