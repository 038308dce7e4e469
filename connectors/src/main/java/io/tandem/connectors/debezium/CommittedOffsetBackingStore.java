package io.tandem.connectors.debezium;

import io.tandem.engine.sink.OffsetStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;

/**
 * Debezium's offset storage, backed by the offsets the sink committed. It only reads: the sink stores each
 * batch's offset inside the same PostgreSQL transaction as the batch, and an offset flush by the engine (which
 * runs on its own timer, possibly after records the sink has not applied yet) must never move the stored
 * position, so {@link #set} completes without storing anything.
 *
 * <p>Keys and values arrive serialized the way {@code OffsetStorageReaderImpl} writes them, with a schemaless
 * {@link JsonConverter}: the key is the JSON array {@code [<engine name>, <partition map>]}, the value the JSON
 * offset map. The partition map is what {@code SourceRecord.sourcePartition()} carries, so the sink's stored
 * partition is found as is; the engine name is ignored because the partition already names the server.
 */
public class CommittedOffsetBackingStore implements OffsetBackingStore {

    /** Where the registry id is in the engine configuration. */
    public static final String ID_CONFIG = "offset.storage." + StoreRegistry.ID_SUFFIX;

    private final JsonConverter keyConverter = new JsonConverter();
    private final JsonConverter valueConverter = new JsonConverter();
    private OffsetStore store;

    public CommittedOffsetBackingStore() {
        Map<String, String> schemaless = Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false");
        keyConverter.configure(schemaless, true);
        valueConverter.configure(schemaless, false);
    }

    @Override
    public void configure(WorkerConfig config) {
        Object id = config.originals().get(ID_CONFIG);
        store = StoreRegistry.lookup(id == null ? null : id.toString(), OffsetStore.class);
    }

    @Override
    public void start() {
        // Nothing to open: every read goes to the state store, so it sees what the sink committed last.
    }

    @Override
    public void stop() {
        // Nothing held.
    }

    @Override
    public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        try {
            Map<ByteBuffer, ByteBuffer> found = new HashMap<>();
            for (ByteBuffer key : keys) {
                Optional<Map<String, Object>> offset = store.committedOffset(partitionOf(key));
                offset.ifPresent(o -> found.put(key, ByteBuffer.wrap(valueConverter.fromConnectData("", null, jsonSafe(o)))));
            }
            return CompletableFuture.completedFuture(found);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Ignores the write on purpose (see the class comment) and reports success, so the engine carries on. */
    @Override
    public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        if (callback != null) {
            callback.onCompletion(null, null);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        // Only Kafka Connect's REST offsets API asks; the embedded engine does not.
        return Set.of();
    }

    private Map<String, ?> partitionOf(ByteBuffer key) {
        byte[] bytes = new byte[key.remaining()];
        key.duplicate().get(bytes);
        Object value = keyConverter.toConnectData("", bytes).value();
        if (value instanceof List<?> list && list.size() == 2 && list.get(1) instanceof Map<?, ?> partition) {
            Map<String, Object> copy = new LinkedHashMap<>();
            partition.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        throw new IllegalStateException("unexpected offset key layout (expected [engine name, partition]): " + value);
    }

    /**
     * The state store may hand numbers back in whatever type its JSON reader chose; the schemaless converter
     * only writes the Connect primitive types, and Debezium's loaders read integral values as longs.
     */
    private static Map<String, Object> jsonSafe(Map<String, Object> offset) {
        Map<String, Object> safe = new HashMap<>();
        offset.forEach((key, value) -> {
            if (value != null) {
                safe.put(key, jsonSafe(value));
            }
        });
        return safe;
    }

    private static Object jsonSafe(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.longValueExact();
        }
        if (value instanceof BigDecimal decimal) {
            BigDecimal stripped = decimal.stripTrailingZeros();
            return stripped.scale() <= 0 ? (Object) stripped.longValueExact() : (Object) decimal.doubleValue();
        }
        return value;
    }
}
