package io.tandem.sink.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.sink.StateStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StateStoreTest {

    private TargetFixture db;
    private StateStore store;

    @BeforeEach
    void open() throws Exception {
        db = TargetFixture.open("sink_state");
        store = db.target.stateStore();
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void initializesAnOffsetOnceAndRefusesToMoveIt() {
        Map<String, String> partition = Map.of("server", "s1");
        assertEquals(Optional.empty(), store.committedOffset(partition));

        store.initializeOffset(partition, Map.of("file", "b.000001", "pos", 4L, "gtids", "x:1-5"));
        assertEquals(Map.of("file", "b.000001", "pos", 4, "gtids", "x:1-5"),
                store.committedOffset(partition).orElseThrow());

        assertThrows(IllegalStateException.class, () -> store.initializeOffset(partition, Map.of("pos", 99)));
        assertEquals(4, store.committedOffset(partition).orElseThrow().get("pos"));
    }

    @Test
    void thePartitionIsFoundWhateverTheMapOrder() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        db.target.changeSink().apply(List.of(), new SourcePosition(ab, Map.of("pos", 1), "p1"));
        db.target.changeSink().apply(List.of(), new SourcePosition(ba, Map.of("pos", 2), "p2"));

        assertEquals(Map.of("pos", 2), store.committedOffset(ab).orElseThrow());
        assertThrows(IllegalStateException.class, () -> store.initializeOffset(ba, Map.of("pos", 0)));
    }

    @Test
    void keepsSchemaHistoryInOrder() {
        assertFalse(store.schemaHistoryExists());
        store.appendSchemaHistory("{\"ddl\":\"CREATE TABLE a (x int)\"}");
        store.appendSchemaHistory("{\"ddl\":\"ALTER TABLE a ADD y int\"}");
        assertTrue(store.schemaHistoryExists());
        assertEquals(List.of("{\"ddl\":\"CREATE TABLE a (x int)\"}", "{\"ddl\":\"ALTER TABLE a ADD y int\"}"),
                store.schemaHistory());
    }

    @Test
    void openingTwiceKeepsTheState() {
        store.appendSchemaHistory("r1");
        try (PostgresTarget again = db.openAnother(PostgresTargetOptions.defaults())) {
            assertEquals(List.of("r1"), again.stateStore().schemaHistory());
        }
    }
}
