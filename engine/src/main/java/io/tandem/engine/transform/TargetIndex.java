package io.tandem.engine.transform;

import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL index to create; {@code name} is already unique within the target schema.
 *
 * @param sourceName the index's name on the source, which {@code DROP INDEX} statements use
 * @param columns target column names
 */
public record TargetIndex(String sourceName, String name, boolean unique, List<String> columns) {

    public TargetIndex {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }
}
