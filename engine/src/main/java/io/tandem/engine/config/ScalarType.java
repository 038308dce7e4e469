package io.tandem.engine.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A single-valued option. Text is read after reference substitution, which is why numeric types
 * also accept strings: {@code port: ${env:PGPORT}} is a string in YAML until it is resolved.
 */
abstract class ScalarType<T> implements ValueType<T> {

    /** Reads a YAML string (after substitution). */
    abstract T fromText(String path, String text, ReadContext context);

    /** Reads a YAML integer; by default integers are a type error (strings, enums, sizes with units…). */
    T fromInteger(String path, long value, ReadContext context) {
        context.problem(path, "must be " + describe() + ", got the number " + value + quoteHint());
        return null;
    }

    /** Reads a YAML boolean; by default booleans are a type error ({@code yes} for a string, say). */
    T fromBoolean(String path, boolean value, ReadContext context) {
        context.problem(path, "must be " + describe() + ", got a boolean" + quoteHint());
        return null;
    }

    @Override
    public final T read(String path, JsonNode node, ReadContext context) {
        if (node.isTextual()) {
            String text = context.resolve(path, node.textValue(), secret());
            return text == null ? null : fromText(path, text, context);
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return fromInteger(path, node.longValue(), context);
        }
        if (node.isBoolean()) {
            return fromBoolean(path, node.booleanValue(), context);
        }
        // A secret is never described by its value, even when YAML parsed it as a number.
        String kind = secret() ? "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) : kindOf(node);
        context.problem(path, "must be " + describe() + ", got " + kind + quoteHint());
        return null;
    }

    /** Suggests quoting when YAML turned a would-be string into another type (e.g. {@code yes}, {@code 0123}). */
    String quoteHint() {
        return "";
    }

    /** The given value for a problem message; secrets are never echoed. */
    String got(String text) {
        if (secret()) {
            return "";
        }
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return ", got \"" + shown + "\"";
    }

    static String kindOf(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " value";
    }
}
