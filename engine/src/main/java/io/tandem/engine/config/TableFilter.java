package io.tandem.engine.config;

import java.util.List;
import java.util.Objects;

/**
 * Which source tables are replicated: tables of the listed databases that match an include pattern
 * (every table when no include is given) and no exclude pattern.
 */
public final class TableFilter {
    private final List<String> databases;
    private final List<TablePattern> include;
    private final List<TablePattern> exclude;

    public TableFilter(List<String> databases, List<TablePattern> include, List<TablePattern> exclude) {
        this.databases = List.copyOf(databases);
        this.include = List.copyOf(include);
        this.exclude = List.copyOf(exclude);
    }

    public boolean includes(String db, String table) {
        // The database list bounds everything: a glob like *.orders must not pull in unlisted databases.
        return databases.contains(db)
                && (include.isEmpty() || include.stream().anyMatch(p -> p.matches(db, table)))
                && exclude.stream().noneMatch(p -> p.matches(db, table));
    }

    /** Empty means every table of the listed databases. */
    public List<TablePattern> include() {
        return include;
    }

    public List<TablePattern> exclude() {
        return exclude;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableFilter other
                && other.databases.equals(databases) && other.include.equals(include) && other.exclude.equals(exclude);
    }

    @Override
    public int hashCode() {
        return Objects.hash(databases, include, exclude);
    }

    @Override
    public String toString() {
        return "include " + (include.isEmpty() ? "all tables" : include) + ", exclude " + exclude;
    }
}
