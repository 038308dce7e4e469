package io.tandem.engine.config;

import java.util.Objects;

/**
 * One configuration key: its YAML path, value type, default and documentation. The single table of
 * these ({@link Options}) drives parsing, unknown-key detection, defaults and the generated reference,
 * so the README cannot disagree with the code.
 *
 * @param defaultValue used when the key is absent; null when there is none or it is derived
 * @param defaultText  the "default" column of the reference ({@code required}, {@code 3306}, …)
 */
record Option<T>(String path, ValueType<T> type, T defaultValue, String defaultText, boolean required, String description) {

    Option {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(description, "description");
    }

    static <T> Option<T> required(String path, ValueType<T> type, String description) {
        return new Option<>(path, type, null, "required", true, description);
    }

    static <T> Option<T> withDefault(String path, ValueType<T> type, T defaultValue, String description) {
        return new Option<>(path, type, defaultValue, type.format(defaultValue), false, description);
    }

    /** No fixed default: absent means "not set", or a value computed from other keys as the text explains. */
    static <T> Option<T> optional(String path, ValueType<T> type, String defaultText, String description) {
        return new Option<>(path, type, null, defaultText, false, description);
    }

    boolean secret() {
        return type.secret();
    }
}
