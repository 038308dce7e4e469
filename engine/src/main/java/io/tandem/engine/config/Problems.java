package io.tandem.engine.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects problems in the order they are found, so a file yields one report instead of a fix-rerun loop. */
final class Problems {
    private final List<ConfigProblem> found = new ArrayList<>();

    void add(String path, String message) {
        found.add(new ConfigProblem(path, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    boolean hasProblemAt(String path) {
        return found.stream().anyMatch(p -> p.path().equals(path));
    }

    /**
     * Throws with the problems in the order of the option table (structural problems such as unknown
     * keys first), so the report reads top to bottom like the file, whichever check found each one.
     */
    void throwIfAny(List<Option<?>> order) {
        if (!found.isEmpty()) {
            List<ConfigProblem> sorted = new ArrayList<>(found);
            sorted.sort(Comparator.comparingInt(p -> rank(p.path(), order))); // stable: keeps discovery order within a key
            throw new ConfigException(sorted);
        }
    }

    private static int rank(String path, List<Option<?>> order) {
        for (int i = 0; i < order.size(); i++) {
            String key = order.get(i).path();
            if (path.equals(key) || path.startsWith(key + "[") || path.startsWith(key + ".\"")) {
                return i;
            }
        }
        return -1;
    }
}
