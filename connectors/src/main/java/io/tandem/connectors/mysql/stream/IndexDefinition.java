package io.tandem.connectors.mysql.stream;

import io.tandem.engine.model.SourceIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * An index as a DDL statement defines it ({@code ADD [UNIQUE] INDEX …}, {@code CREATE INDEX …}, a column's
 * {@code UNIQUE}), read from the text because Debezium's table structures carry no indexes.
 *
 * @param name null when the statement leaves the name to the server ({@link #named})
 * @param kind null for a plain index, else {@code FULLTEXT}, {@code SPATIAL}, or the {@code USING} method
 * @param columns the key columns in order; null for a key part that is an expression
 * @param prefixLengths per column, the prefix length, or 0 for the whole column
 */
record IndexDefinition(String name, boolean unique, String kind, List<String> columns, List<Integer> prefixLengths) {

    IndexDefinition {
        columns = Collections.unmodifiableList(new ArrayList<>(columns));
        prefixLengths = List.copyOf(prefixLengths);
    }

    boolean hasExpression() {
        return columns.contains(null);
    }

    /**
     * The name MySQL and MariaDB give an unnamed index: its first column's name, or with {@code _2}, {@code _3} …
     * appended when that is taken (case-insensitively), and never {@code PRIMARY}.
     *
     * @param taken whether an index of the table already has that name
     */
    IndexDefinition named(Predicate<String> taken) {
        if (name != null) {
            return this;
        }
        String base = columns.get(0);
        String candidate = base;
        for (int suffix = 2; candidate.equalsIgnoreCase("PRIMARY") || taken.test(candidate); suffix++) {
            candidate = base + "_" + suffix;
        }
        return new IndexDefinition(candidate, unique, kind, columns, prefixLengths);
    }

    SourceIndex toSourceIndex() {
        return new SourceIndex(name, unique, columns, prefixLengths, kind);
    }
}
