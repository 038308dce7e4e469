package io.tandem.connectors.debezium;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands tandem's live stores to the offset store and schema history that Debezium creates itself: Debezium
 * instantiates both reflectively from class names in its configuration (no-argument constructors), so the only way
 * to reach a live object is a key in that configuration that names an entry here. One entry per running change
 * source, removed when it stops.
 */
public final class StoreRegistry {

    /** The configuration key (under {@code offset.storage.} and {@code schema.history.internal.}) naming the entry. */
    public static final String ID_SUFFIX = "tandem.id";

    private static final Map<String, Object> STORES = new ConcurrentHashMap<>();

    private StoreRegistry() {
    }

    public static String register(Object store) {
        String id = UUID.randomUUID().toString();
        STORES.put(id, store);
        return id;
    }

    /** The store registered under {@code id}, which must be of {@code type}. */
    public static <T> T lookup(String id, Class<T> type) {
        Object store = id == null ? null : STORES.get(id);
        if (store == null) {
            throw new IllegalStateException("no tandem store registered under '" + id
                    + "': the Debezium engine must be started by a tandem change source");
        }
        if (!type.isInstance(store)) {
            throw new IllegalStateException("the store registered under '" + id + "' is a "
                    + store.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(store);
    }

    public static void unregister(String id) {
        STORES.remove(id);
    }
}
