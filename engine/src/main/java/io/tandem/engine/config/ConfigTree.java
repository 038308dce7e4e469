package io.tandem.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the YAML tree against the option table: known keys become raw values by path, sections are
 * descended into, and anything else is an unknown-key problem with a suggestion.
 */
final class ConfigTree {
    static final String ROOT = "(config)";

    private final Set<String> optionPaths = new LinkedHashSet<>();
    /** Section path ("" for the root) → the keys allowed directly inside it, in table order. */
    private final Map<String, Set<String>> children = new HashMap<>();

    ConfigTree(List<Option<?>> options) {
        for (Option<?> option : options) {
            optionPaths.add(option.path());
            String path = option.path();
            int dot;
            while ((dot = path.lastIndexOf('.')) >= 0 || !path.isEmpty()) {
                String parent = dot < 0 ? "" : path.substring(0, dot);
                children.computeIfAbsent(parent, k -> new LinkedHashSet<>()).add(path.substring(dot + 1));
                path = parent;
            }
        }
    }

    /** Raw (unresolved, unchecked) values keyed by option path; YAML nulls count as absent. */
    Map<String, JsonNode> flatten(JsonNode root, Problems problems) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return values;
        }
        if (!root.isObject()) {
            problems.add(ROOT, "the file must be a YAML mapping of sections (source:, target:, …), got "
                    + ScalarType.kindOf(root));
            return values;
        }
        walk("", root, values, problems);
        return values;
    }

    private void walk(String section, JsonNode node, Map<String, JsonNode> values, Problems problems) {
        node.properties().forEach(field -> {
            String key = field.getKey();
            String path = section.isEmpty() ? key : section + "." + key;
            JsonNode value = field.getValue();
            if (optionPaths.contains(path)) {
                if (!value.isNull()) {
                    values.put(path, value);
                }
            } else if (children.containsKey(path)) {
                if (value.isObject()) {
                    walk(path, value, values, problems);
                } else if (!value.isNull()) {
                    problems.add(path, "must be a mapping with the keys " + String.join(", ", children.get(path))
                            + ", got " + ScalarType.kindOf(value));
                }
            } else {
                problems.add(path, unknownKeyMessage(section, key));
            }
        });
    }

    private String unknownKeyMessage(String section, String key) {
        Set<String> siblings = children.getOrDefault(section, Set.of());
        Optional<String> close = KeySuggestions.closest(key, siblings);
        if (close.isPresent()) {
            return "unknown key; did you mean " + (section.isEmpty() ? "" : section + ".") + close.get() + "?";
        }
        Set<String> allPaths = new LinkedHashSet<>(optionPaths);
        allPaths.addAll(children.keySet());
        allPaths.remove("");
        List<String> moved = KeySuggestions.elsewhere(key, allPaths);
        if (!moved.isEmpty()) {
            return "unknown key here; did you mean " + String.join(" or ", moved) + "?";
        }
        return "unknown key; valid keys " + (section.isEmpty() ? "at the top level" : "in " + section)
                + " are " + String.join(", ", siblings);
    }
}
