package io.tandem.engine.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parts of {@code GET /status} owned by other modules (the cutover, the verifier), each under its own key next to
 * the pipeline's fields, so the status stays one document without the engine knowing those modules.
 */
public final class StatusSections {

    private final Map<String, Supplier<?>> sections = new LinkedHashMap<>();

    /** Adds (or replaces) the section {@code name}; the supplier may return null when it has nothing to say yet. */
    public synchronized void add(String name, Supplier<?> section) {
        sections.put(name, section);
    }

    /** Every section's current value, in the order they were added. */
    public Map<String, Object> current() {
        Map<String, Supplier<?>> now;
        synchronized (this) {
            now = new LinkedHashMap<>(sections);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        now.forEach((name, section) -> values.put(name, section.get()));
        return values;
    }
}
