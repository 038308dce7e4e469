package io.tandem.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.engine.transform.ColumnOverride;
import io.tandem.engine.transform.ColumnOverrides;
import io.tandem.engine.transform.OverrideSql;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code columns:}, a mapping from {@code db.table.column} to {@code {type: …, using: …}}. Problems are reported
 * at {@code columns."db.table.column".type}, so the path reads like the YAML it points at.
 */
final class ColumnOverridesType implements ValueType<ColumnOverrides> {

    private static final Set<String> FIELDS = Set.of("type", "using");

    @Override
    public String describe() {
        return "mapping of `db.table.column` to {`type`, `using`}";
    }

    @Override
    public ColumnOverrides read(String path, JsonNode node, ReadContext context) {
        if (!node.isObject()) {
            context.problem(path, "must be a mapping of db.table.column to { type: …, using: … }, e.g. "
                    + "\"shop.orders.paid\": { type: boolean }, got " + ScalarType.kindOf(node));
            return null;
        }
        Map<ColumnOverrides.Key, ColumnOverride> overrides = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String entryPath = path + ".\"" + entry.getKey() + "\"";
            ColumnOverrides.Key key;
            try {
                key = ColumnOverrides.Key.parse(entry.getKey());
            } catch (IllegalArgumentException e) {
                context.problem(entryPath, e.getMessage());
                ok = false;
                continue;
            }
            ColumnOverride override = override(entryPath, entry.getValue(), context);
            ok &= override != null;
            if (override != null) {
                overrides.put(key, override);
            }
        }
        return ok ? ColumnOverrides.of(overrides) : null;
    }

    private static ColumnOverride override(String path, JsonNode node, ReadContext context) {
        if (!node.isObject()) {
            context.problem(path, "must be a mapping with type (and optionally using), e.g. { type: jsonb }, got "
                    + ScalarType.kindOf(node));
            return null;
        }
        boolean ok = true;
        for (String field : (Iterable<String>) node::fieldNames) {
            if (!FIELDS.contains(field)) {
                Optional<String> close = KeySuggestions.closest(field, FIELDS);
                context.problem(path + "." + field, "unknown key; " + close.map(c -> "did you mean " + c + "?")
                        .orElse("an override has only type and using"));
                ok = false;
            }
        }
        String type = text(path + ".type", node.get("type"), context);
        if (node.get("type") == null || node.get("type").isNull()) {
            context.problem(path + ".type", "is missing; add type: with the PostgreSQL type of the target column");
            ok = false;
        } else if (type != null) {
            Optional<String> problem = OverrideSql.typeProblem(type);
            problem.ifPresent(p -> context.problem(path + ".type", p));
            ok &= problem.isEmpty();
        } else {
            ok = false;
        }
        String using = null;
        JsonNode usingNode = node.get("using");
        if (usingNode != null && !usingNode.isNull()) {
            using = text(path + ".using", usingNode, context);
            if (using != null) {
                Optional<String> problem = OverrideSql.usingProblem(using);
                problem.ifPresent(p -> context.problem(path + ".using", p));
                ok &= problem.isEmpty();
            } else {
                ok = false;
            }
        }
        return ok ? new ColumnOverride(type.trim(), using == null ? null : using.trim()) : null;
    }

    /** A string field; numbers and booleans are refused rather than stringified, like every other string key. */
    private static String text(String path, JsonNode node, ReadContext context) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            context.problem(path, "must be a string, got " + ScalarType.kindOf(node));
            return null;
        }
        if (node.textValue().isBlank()) {
            context.problem(path, path.endsWith(".type")
                    ? "must not be empty; give the PostgreSQL type of the target column, e.g. boolean"
                    : "must not be empty; leave using out to cast the value to the type");
            return null;
        }
        return context.resolve(path, node.textValue(), false);
    }

    @Override
    public String format(ColumnOverrides value) {
        return value.isEmpty() ? "none" : value.toString();
    }
}
