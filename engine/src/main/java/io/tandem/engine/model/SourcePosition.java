package io.tandem.engine.model;

import java.util.Map;
import java.util.Objects;

/**
 * Where in the source's change stream an event sits, as the source's own offset: for the binlog sources this is
 * Debezium's partition and offset maps (file, pos, row, event, gtids...). The sink stores it verbatim in the
 * same transaction as the rows it covers; the source reads it back to resume.
 *
 * @param description a short human form for logs and status, e.g. {@code mysql-bin.000003:4711}
 */
public record SourcePosition(Map<String, ?> partition, Map<String, ?> offset, String description) {

    public SourcePosition {
        partition = Map.copyOf(partition);
        offset = Map.copyOf(offset);
        Objects.requireNonNull(description, "description");
    }

    @Override
    public String toString() {
        return description;
    }
}
