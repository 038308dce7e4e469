package io.tandem.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to the raw values: each option is read once (so each problem is reported once) and
 * falls back to its default when absent. A null result means the value was invalid or missing and
 * that has already been reported; section readers skip cross-checks on nulls.
 */
final class Values {
    private final Map<String, JsonNode> raw;
    private final ReadContext context;
    private final Map<String, Optional<Object>> cache = new HashMap<>();

    Values(Map<String, JsonNode> raw, References references, Problems problems) {
        this.raw = raw;
        this.context = new ReadContext(references, problems);
    }

    /** Reads every option in table order, so problems are reported in the order of the reference. */
    void readAll(Iterable<Option<?>> options) {
        options.forEach(this::get);
    }

    boolean isSet(Option<?> option) {
        return raw.containsKey(option.path());
    }

    @SuppressWarnings("unchecked")
    <T> T get(Option<T> option) {
        return (T) cache.computeIfAbsent(option.path(), p -> Optional.ofNullable(read(option))).orElse(null);
    }

    /** For optional keys without a default: empty when absent (or invalid, which is already reported). */
    <T> Optional<T> optional(Option<T> option) {
        return Optional.ofNullable(get(option));
    }

    void problem(Option<?> option, String message) {
        context.problem(option.path(), message);
    }

    /** For problems below an option, e.g. one item of a list ({@code source.tables.include[1]}). */
    void problem(String path, String message) {
        context.problem(path, message);
    }

    boolean hasProblems() {
        return !context.problems().isEmpty();
    }

    private <T> T read(Option<T> option) {
        JsonNode node = raw.get(option.path());
        if (node == null) {
            if (option.required()) {
                int dot = option.path().lastIndexOf('.');
                String where = dot < 0 ? "" : " under " + option.path().substring(0, dot) + ":";
                context.problem(option.path(), "is missing; add " + option.path().substring(dot + 1) + ":" + where
                        + " (" + option.description().replaceAll("\\.$", "") + ")");
            }
            return option.defaultValue();
        }
        return option.type().read(option.path(), node, context);
    }
}
