package io.tandem.engine.transform;

import java.util.List;

/** A PostgreSQL index to create; {@code name} is already unique within the target schema. */
public record TargetIndex(String name, boolean unique, List<String> columns) {

    public TargetIndex {
        columns = List.copyOf(columns);
    }
}
