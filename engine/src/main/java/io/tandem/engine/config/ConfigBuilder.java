package io.tandem.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a config in code (tests, the demo with embedded servers) by the same YAML paths a file uses.
 * It fills the same tree a file would and then validates it through the same loader, so there is
 * one validation path and a typo in a path is an unknown-key problem, not a silently ignored call.
 *
 * <pre>{@code
 * TandemConfig config = TandemConfig.builder()
 *     .set("source.host", "127.0.0.1").set("source.port", 3306).set("source.user", "root")
 *     .set("source.databases", List.of("shop"))
 *     .set("target.url", "jdbc:postgresql://127.0.0.1:5432/postgres").set("target.user", "postgres")
 *     .set("control.listen", "127.0.0.1:0")
 *     .build();
 * }</pre>
 */
public final class ConfigBuilder {
    private final ObjectNode root = JsonNodeFactory.instance.objectNode();
    private Path baseDir = Path.of("");

    ConfigBuilder() {
    }

    /**
     * Sets a value by its YAML path. Accepts String, Integer, Long, Boolean, Duration, {@link Secret},
     * {@link ConfigEnum} constants, Lists of strings and Maps (for {@code columns}, whose keys hold dots); values
     * are still checked by {@link #build()}.
     */
    public ConfigBuilder set(String path, Object value) {
        Objects.requireNonNull(path, "path");
        String[] segments = path.split("\\.");
        ObjectNode section = root;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode child = section.get(segments[i]);
            section = child instanceof ObjectNode object ? object : section.putObject(segments[i]);
        }
        section.set(segments[segments.length - 1], toNode(value));
        return this;
    }

    /** Directory that relative {@code ${file:…}} references resolve against; the working directory by default. */
    public ConfigBuilder baseDir(Path dir) {
        this.baseDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** Validates exactly as a file would; throws {@link ConfigException} with every problem. */
    public TandemConfig build() {
        return ConfigLoader.withSystemEnvironment().from(root.deepCopy(), baseDir);
    }

    private static JsonNode toNode(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof String s) {
            return f.textNode(s);
        }
        if (value instanceof Integer || value instanceof Long) {
            return f.numberNode(((Number) value).longValue());
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Secret secret) {
            // Held only in this builder's private tree and read straight back as a Secret.
            return f.textNode(secret.reveal());
        }
        if (value instanceof ConfigEnum e) {
            return f.textNode(e.configValue());
        }
        if (value instanceof Duration d) {
            return f.textNode(d.toMillis() + "ms");
        }
        if (value instanceof List<?> list) {
            ArrayNode array = f.arrayNode();
            list.forEach(item -> array.add(toNode(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = f.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), toNode(item)));
            return object;
        }
        throw new IllegalArgumentException("unsupported config value type " + value.getClass().getName());
    }
}
