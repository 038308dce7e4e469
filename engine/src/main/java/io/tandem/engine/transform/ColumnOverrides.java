package io.tandem.engine.transform;

import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The per-column overrides of the config, by source table and column name, as the source spells them. */
public final class ColumnOverrides {

    private static final ColumnOverrides NONE = new ColumnOverrides(Map.of());

    /** Config key ({@code db.table.column}) → override; insertion order is the config's. */
    private final Map<Key, ColumnOverride> overrides;

    private ColumnOverrides(Map<Key, ColumnOverride> overrides) {
        this.overrides = overrides;
    }

    public static ColumnOverrides none() {
        return NONE;
    }

    public static ColumnOverrides of(Map<Key, ColumnOverride> overrides) {
        return overrides.isEmpty() ? NONE : new ColumnOverrides(java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(overrides)));
    }

    public Optional<ColumnOverride> find(TableId table, String column) {
        return Optional.ofNullable(overrides.get(new Key(table, column)));
    }

    public boolean isEmpty() {
        return overrides.isEmpty();
    }

    public Map<Key, ColumnOverride> asMap() {
        return overrides;
    }

    /**
     * A problem for every override whose table is not among {@code replicated} or whose column that table lacks;
     * each names the config key and the fix. An override that matches nothing is surely a typo or a stale entry.
     */
    public List<String> unmatched(List<SourceTable> replicated) {
        Map<TableId, SourceTable> tables = new LinkedHashMap<>();
        replicated.forEach(table -> tables.put(table.id(), table));
        List<String> problems = new ArrayList<>();
        for (Key key : overrides.keySet()) {
            SourceTable table = tables.get(key.table());
            if (table == null) {
                problems.add("columns.\"" + key + "\": table " + key.table() + " is not replicated (it does not "
                        + "exist, or source.databases/source.tables leave it out); fix the key or remove the override");
            } else if (table.columns().stream().map(SourceColumn::name).noneMatch(key.column()::equals)) {
                problems.add("columns.\"" + key + "\": table " + key.table() + " has no column " + key.column()
                        + " (its columns: " + String.join(", ", table.columns().stream().map(SourceColumn::name)
                        .toList()) + "); fix the key or remove the override");
            }
        }
        return problems;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnOverrides other && other.overrides.equals(overrides);
    }

    @Override
    public int hashCode() {
        return overrides.hashCode();
    }

    /** {@code {db.table.column: type using …}}, for the startup log. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        overrides.forEach((key, override) -> out.append(out.length() > 1 ? ", " : "").append(key).append(": ")
                .append(override.describe()));
        return out.append('}').toString();
    }

    /** One column of one source table; written {@code db.table.column}. */
    public record Key(TableId table, String column) {

        public Key {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }

        /**
         * Parses {@code db.table.column}. Database and table names cannot contain a dot on MySQL (they are file
         * names), so the first two dots separate and the column name may hold further dots.
         */
        public static Key parse(String text) {
            int first = text.indexOf('.');
            int second = first < 0 ? -1 : text.indexOf('.', first + 1);
            if (first <= 0 || second <= first + 1 || second == text.length() - 1) {
                throw new IllegalArgumentException("must be <database>.<table>.<column>, e.g. shop.orders.paid");
            }
            return new Key(new TableId(text.substring(0, first), text.substring(first + 1, second)),
                    text.substring(second + 1));
        }

        @Override
        public String toString() {
            return table + "." + column;
        }
    }
}
