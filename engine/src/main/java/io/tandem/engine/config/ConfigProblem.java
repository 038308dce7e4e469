package io.tandem.engine.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * One thing wrong with the configuration: the key path it concerns (e.g. {@code source.port}) and a
 * message that says what is wrong and how to fix it. Messages never contain secret values.
 */
public record ConfigProblem(String path, String message) implements Serializable {
    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
