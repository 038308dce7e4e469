package io.tandem.engine.model;

import java.util.List;
import java.util.Objects;

/** A source table's structure: columns in ordinal order, primary key columns in key order, indexes. */
public record SourceTable(TableId id, List<SourceColumn> columns, List<String> primaryKey, List<SourceIndex> indexes) {

    public SourceTable {
        Objects.requireNonNull(id, "id");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
