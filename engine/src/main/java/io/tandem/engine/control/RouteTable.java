package io.tandem.engine.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Exact method + path → handler; no patterns, because every control route is a fixed verb on a fixed noun. */
final class RouteTable {

    private final Map<String, Map<String, RouteHandler>> byPath = new LinkedHashMap<>();

    void add(String method, String path, RouteHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a route path starts with '/', got '" + path + "'");
        }
        String verb = method.toUpperCase(Locale.ROOT);
        Map<String, RouteHandler> methods = byPath.computeIfAbsent(path, p -> new LinkedHashMap<>());
        if (methods.putIfAbsent(verb, handler) != null) {
            throw new IllegalArgumentException("route " + verb + " " + path + " is already registered");
        }
    }

    /** Handlers by method for {@code path}; empty when the path is unknown. */
    Map<String, RouteHandler> methodsFor(String path) {
        return Collections.unmodifiableMap(byPath.getOrDefault(path, Map.of()));
    }

    static String allowHeader(Map<String, RouteHandler> methods) {
        return String.join(", ", new TreeSet<>(methods.keySet()));
    }
}
