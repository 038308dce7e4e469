package io.tandem.engine.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Parts of {@code GET /status} owned by other modules (the cutover, the verifier), each under its own key next to
 * the pipeline's fields, so the status stays one document without the engine knowing those modules.
 */
public final class StatusSections {

    private final Map<String, Supplier<?>> sections = new ConcurrentHashMap<>();
    private final Map<String, Integer> order = new ConcurrentHashMap<>();

    /** Adds (or replaces) the section {@code name}; the supplier may return null when it has nothing to say yet. */
    public void add(String name, Supplier<?> section) {
        order.putIfAbsent(name, order.size());
        sections.put(name, section);
    }

    /** Every section's current value, in the order they were added. */
    public Map<String, Object> current() {
        Map<String, Object> values = new LinkedHashMap<>();
        order.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(entry -> values.put(entry.getKey(), sections.get(entry.getKey()).get()));
        return values;
    }
}
