package io.tandem.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A YAML list whose items are all read by one scalar type; items are reported as {@code key[i]}. */
final class ListType<T> implements ValueType<List<T>> {
    private final ScalarType<T> element;
    private final String describe;

    ListType(ScalarType<T> element, String describe) {
        this.element = element;
        this.describe = describe;
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public List<T> read(String path, JsonNode node, ReadContext context) {
        if (!node.isArray()) {
            context.problem(path, "must be a list, e.g. [a, b], got " + ScalarType.kindOf(node));
            return null;
        }
        List<T> items = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            T item = element.read(path + "[" + i + "]", node.get(i), context);
            ok &= item != null;
            items.add(item);
        }
        return ok ? List.copyOf(items) : null;
    }

    @Override
    public String format(List<T> value) {
        return value.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
