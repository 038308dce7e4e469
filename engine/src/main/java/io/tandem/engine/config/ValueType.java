package io.tandem.engine.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one kind of option value is read from YAML, checked and documented. Implementations report
 * problems through the context and return {@code null} for a value they could not accept.
 */
interface ValueType<T> {
    /** The "type" column of the generated reference, e.g. {@code integer 1..65535}. */
    String describe();

    /** Secret values are never echoed in problems and print as {@code ****}. */
    default boolean secret() {
        return false;
    }

    T read(String path, JsonNode node, ReadContext context);

    /** Renders a default the way a user would write it in YAML (e.g. {@code 64MiB}, not 67108864). */
    default String format(T value) {
        return String.valueOf(value);
    }
}
