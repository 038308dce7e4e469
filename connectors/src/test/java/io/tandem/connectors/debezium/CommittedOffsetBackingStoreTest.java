package io.tandem.connectors.debezium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.SourcePosition;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store through Kafka Connect's own reader, as the embedded engine uses it. */
class CommittedOffsetBackingStoreTest {

    private final InMemoryStateStore state = new InMemoryStateStore();
    private final CommittedOffsetBackingStore store = new CommittedOffsetBackingStore();
    private String id;

    @BeforeEach
    void configure() {
        id = StoreRegistry.register(state);
        Map<String, String> config = new java.util.HashMap<>(Map.of(CommittedOffsetBackingStore.ID_CONFIG, id,
                "offset.storage", CommittedOffsetBackingStore.class.getName(), "bootstrap.servers", "unused:9092"));
        store.configure(new io.debezium.embedded.EmbeddedWorkerConfig(config));
        store.start();
    }

    @AfterEach
    void unregister() {
        store.stop();
        StoreRegistry.unregister(id);
    }

    @Test
    void readsTheOffsetTheSinkCommittedForTheRecordsPartition() {
        Map<String, Object> offset = Map.of("file", "mysql-bin.000003", "pos", 1234L, "event", 2L, "row", 1,
                "transaction_id", "0-1-9", "gtids", "0-1-8");
        state.commit(new SourcePosition(Map.of("server", "shop"), offset, "mysql-bin.000003:1234"));

        Map<String, Object> read = reader("shop-engine").offset(Map.of("server", "shop"));

        // JSON readers turn longs into ints; Debezium's loaders get longs back.
        assertEquals(Map.of("file", "mysql-bin.000003", "pos", 1234L, "event", 2L, "row", 1L, "transaction_id", "0-1-9",
                "gtids", "0-1-8"), read);
        assertEquals(null, reader("shop-engine").offset(Map.of("server", "other")));
    }

    @Test
    void writesAreIgnoredButReportedDone() throws Exception {
        state.initializeOffset(Map.of("server", "shop"), Map.of("file", "mysql-bin.000001", "pos", 4L));
        AtomicBoolean done = new AtomicBoolean();
        store.set(Map.of(ByteBuffer.wrap("k".getBytes()), ByteBuffer.wrap("v".getBytes())), (error, result) -> done.set(error == null))
                .get();
        assertTrue(done.get());
        assertEquals(Map.of("file", "mysql-bin.000001", "pos", 4L), reader("x").offset(Map.of("server", "shop")));
    }

    private OffsetStorageReaderImpl reader(String engineName) {
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), true);
        JsonConverter values = new JsonConverter();
        values.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), false);
        return new OffsetStorageReaderImpl(store, engineName, keys, values);
    }
}
