package io.tandem.connectors.mysql.stream;

import io.tandem.engine.sink.StateStore;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands the tandem {@link StateStore} to the offset store and schema history that Debezium creates itself:
 * Debezium instantiates both reflectively from class names in its configuration (no-argument constructors),
 * so the only way to reach a live object is a key in that configuration that names an entry here. One entry per
 * running {@link BinlogStreamSource}, removed when it stops.
 */
final class StateStoreRegistry {

    /** The configuration key (under {@code offset.storage.} and {@code schema.history.internal.}) naming the entry. */
    static final String ID_SUFFIX = "tandem.id";

    private static final Map<String, StateStore> STORES = new ConcurrentHashMap<>();

    private StateStoreRegistry() {
    }

    static String register(StateStore store) {
        String id = UUID.randomUUID().toString();
        STORES.put(id, store);
        return id;
    }

    static StateStore lookup(String id) {
        StateStore store = id == null ? null : STORES.get(id);
        if (store == null) {
            throw new IllegalStateException("no tandem state store registered under '" + id
                    + "': the Debezium engine must be started by BinlogStreamSource");
        }
        return store;
    }

    static void unregister(String id) {
        STORES.remove(id);
    }
}
