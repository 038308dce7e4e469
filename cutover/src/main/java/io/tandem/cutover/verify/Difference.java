package io.tandem.cutover.verify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One confirmed difference between the target and what tandem would write for the source.
 *
 * @param table the source table, {@code db.table}
 * @param key the row's primary key, target column name to value text; empty for a table without a key
 * @param column the target column that differs, for {@link Kind#VALUE}; null otherwise
 * @param sourceValue what the target should hold (PostgreSQL text of the value), null for SQL NULL
 * @param targetValue what the target holds, null for SQL NULL
 * @param row for a missing or extra row, all its values (column to text); empty for {@link Kind#VALUE}
 * @param count how many identical rows differ this way (tables without a key); 1 otherwise
 */
public record Difference(String table, Kind kind, Map<String, String> key, String column, String sourceValue,
                         String targetValue, Map<String, String> row, long count) {

    public enum Kind {
        /** Both have the row, one column differs. */
        VALUE,
        /** The source has the row, the target does not. */
        MISSING_ON_TARGET,
        /** The target has a row the source does not. */
        EXTRA_ON_TARGET,
        /** The tables hold different numbers of rows ({@code sourceValue}, {@code targetValue} are the counts). */
        ROW_COUNT
    }

    public Difference {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(kind, "kind");
        // In column order, for reports; Map.copyOf would not keep it.
        key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
        row = Collections.unmodifiableMap(new LinkedHashMap<>(row));
    }

    /** One line for logs and the command line, e.g. {@code shop.item id=5 price: source 1.50, target 1.5}. */
    public String describe() {
        String where = key.isEmpty() ? table : table + " " + render(key);
        return switch (kind) {
            case VALUE -> where + " " + column + ": source " + quoted(sourceValue) + ", target " + quoted(targetValue);
            case MISSING_ON_TARGET -> where + ": missing on the target" + times() + rowText();
            case EXTRA_ON_TARGET -> where + ": extra on the target" + times() + rowText();
            case ROW_COUNT -> where + ": row count: source " + sourceValue + ", target " + targetValue;
        };
    }

    private String times() {
        return count > 1 ? " (" + count + " rows)" : "";
    }

    private String rowText() {
        return row.isEmpty() ? "" : " " + render(row);
    }

    private static String render(Map<String, String> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + quoted(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String quoted(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }
}
