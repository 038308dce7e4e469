package io.tandem.engine.model;

import java.util.List;

/**
 * A secondary or unique index on the source.
 *
 * @param prefixLengths per column, the MySQL prefix length ({@code KEY (c(10))}), or 0 for the whole column
 */
public record SourceIndex(String name, boolean unique, List<String> columns, List<Integer> prefixLengths, String kind) {

    public SourceIndex {
        columns = List.copyOf(columns);
        prefixLengths = List.copyOf(prefixLengths);
        if (columns.size() != prefixLengths.size()) {
            throw new IllegalArgumentException("one prefix length per column expected");
        }
    }

    /** FULLTEXT and SPATIAL indexes have no direct PostgreSQL equivalent on the mapped types. */
    public boolean isPlainBtree() {
        return kind == null || kind.equalsIgnoreCase("BTREE") || kind.equalsIgnoreCase("HASH");
    }
}
