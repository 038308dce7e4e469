package io.tandem.engine.transform;

import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every PostgreSQL name tandem has given a source object, by scope: schemas in the target database (one per source
 * database), relations in a schema (tables and their indexes share PostgreSQL's namespace), columns in a table.
 *
 * <p>A name is chosen once and then kept for the life of the migration: what tandem already writes is
 * {@link #register registered} first (the stored definitions, the tables the stream holds), and only objects without
 * a name get one. The choice, per {@link NameCase}: the folded name, unless it folds onto another source name of the
 * scope (then the name as spelled); longer than 63 bytes, a prefix plus {@code _} and 8 hex digits of the SHA-256 of
 * the full source name; if that is taken too, {@code _2}, {@code _3}, … Index names are the target table name,
 * {@code _}, and the index name. Names given together ({@link #assignAll}) see each other's spellings, so of
 * {@code Foo} and {@code FOO} neither is folded; a name added later cannot change an earlier one.
 *
 * <p>Synchronized: the stream's decoder and a resync's copier (mapping the table it copies) use it at once.
 */
public final class TargetNames {

    /** tandem's own state schema and PostgreSQL's catalog schema. */
    private static final Set<String> RESERVED_SCHEMAS = Set.of("tandem", "information_schema");

    /**
     * MySQL's name of every primary key index, which no other index may take; here it stands for the name
     * PostgreSQL gives a table's primary key index ({@code <table>_pkey}, the table name clipped to fit).
     */
    private static final String PRIMARY = "PRIMARY";

    /** A table ({@code index == null}) or one of its indexes, by source names. */
    private record Relation(String table, String index) {
        boolean isTable() {
            return index == null;
        }

        @Override
        public String toString() {
            return isTable() ? "table " + table : "index " + index + " of table " + table;
        }
    }

    private final NameCase nameCase;
    private final NameScope<String> schemas = new NameScope<>(RESERVED_SCHEMAS);
    private final Map<String, NameScope<Relation>> relations = new HashMap<>();
    private final Map<TableId, NameScope<String>> columns = new HashMap<>();

    public TargetNames(NameCase nameCase) {
        this.nameCase = nameCase;
    }

    public NameCase nameCase() {
        return nameCase;
    }

    /** Takes over every name of a table tandem writes: its schema, table, column and index names stay as they are. */
    public synchronized void register(TargetTable table) {
        TableId id = table.source();
        schemas.put(id.database(), id.database(), table.schema());
        NameScope<Relation> relation = relationsOf(id.database());
        relation.removeIf(key -> key.table().equals(id.table()) && !key.isTable());
        claim(relation, new Relation(id.table(), null), id.table(), table.name());
        for (TargetIndex index : table.indexes()) {
            claim(relation, new Relation(id.table(), index.sourceName()), index.sourceName(), index.name());
        }
        reservePrimaryKeyName(relation, id, table.name());
        NameScope<String> scope = new NameScope<>(Set.of());
        for (TargetColumn column : table.columns()) {
            scope.put(column.sourceName(), column.sourceName(), column.name());
        }
        columns.put(id, scope);
    }

    /** A name in use on the target wins over a primary key name merely held for another table. */
    private static void claim(NameScope<Relation> scope, Relation key, String spelling, String name) {
        Relation owner = scope.owner(name);
        if (owner != null && !owner.equals(key) && PRIMARY.equals(owner.index())) {
            scope.remove(owner);
        }
        scope.put(key, spelling, name);
    }

    /** The table is gone from the target: its table, index and column names are free again. */
    public synchronized void forget(TableId table) {
        relationsOf(table.database()).removeIf(key -> key.table().equals(table.table()));
        columns.remove(table);
    }

    /**
     * Names the schemas and tables of objects seen together, so that two of them folding to one name both keep
     * their case, whatever order they are mapped in later.
     */
    public synchronized void assignAll(Collection<String> databases, Collection<SourceTable> tables) {
        Set<String> allDatabases = new TreeSet<>(databases);
        tables.forEach(table -> allDatabases.add(table.id().database()));
        for (String database : allDatabases) {
            try {
                schema(database, allDatabases);
            } catch (UnsupportedTypeException e) {
                // Mapping each of its tables reports it, table by table.
            }
        }
        Map<String, Set<String>> byDatabase = new TreeMap<>();
        for (SourceTable table : tables) {
            byDatabase.computeIfAbsent(table.id().database(), d -> new TreeSet<>()).add(table.id().table());
        }
        byDatabase.forEach((database, names) -> {
            if (schemas.get(database) != null) {
                names.forEach(name -> table(new TableId(database, name), names));
            }
        });
    }

    /** The schema of a source database. */
    public synchronized String schema(String database) {
        return schema(database, List.of());
    }

    /** The target table name of a source table. */
    public synchronized String table(TableId table) {
        return table(table, List.of());
    }

    /**
     * The target names of a table's columns, in the order given: a column the table had already keeps its name, a
     * new one gets a free one. The table's column names are from now on exactly these (dropped columns' names are
     * free again).
     */
    public synchronized List<String> columns(TableId table, List<String> sourceColumns) {
        NameScope<String> previous = columns.getOrDefault(table, new NameScope<>(Set.of()));
        NameScope<String> scope = new NameScope<>(Set.of());
        for (String column : sourceColumns) {
            String kept = previous.get(column);
            if (kept != null) {
                scope.put(column, column, kept);
            }
        }
        List<String> names = new ArrayList<>();
        for (String column : sourceColumns) {
            boolean clash = scope.foldClashes(column, sourceColumns, key -> true);
            names.add(scope.assign(column, column, choices(IdentifierText.fold(column), column, clash)));
        }
        columns.put(table, scope);
        return names;
    }

    /** The target name of an index of a source table (PostgreSQL scopes index names by schema, not by table). */
    public synchronized String index(TableId table, String index) {
        String tableName = table(table);
        return relationsOf(table.database()).assign(new Relation(table.table(), index), table + "." + index,
                choices(tableName + "_" + IdentifierText.fold(index), tableName + "_" + index, false));
    }

    private String schema(String database, Collection<String> together) {
        boolean clash = schemas.foldClashes(database, together, key -> true);
        String schema = schemas.assign(database, database, choices(IdentifierText.fold(database), database, clash));
        if (schema.startsWith("pg_")) {
            schemas.remove(database);
            throw new UnsupportedTypeException("database " + database + " would become schema " + schema
                    + ", but PostgreSQL reserves schema names beginning with pg_; exclude it from source.databases");
        }
        return schema;
    }

    private String table(TableId table, Collection<String> together) {
        schema(table.database());
        NameScope<Relation> scope = relationsOf(table.database());
        boolean clash = scope.foldClashes(table.table(), together, Relation::isTable);
        String name = scope.assign(new Relation(table.table(), null), table.table(),
                choices(IdentifierText.fold(table.table()), table.table(), clash));
        reservePrimaryKeyName(scope, table, name);
        return name;
    }

    /**
     * PostgreSQL names a primary key's index itself, {@code <table>_pkey}, and picks another name only if that one
     * is taken when the table is created; a table or index tandem creates later under that name would then fail.
     * So the name is held for the table, when still free.
     */
    private static void reservePrimaryKeyName(NameScope<Relation> scope, TableId table, String targetName) {
        Relation key = new Relation(table.table(), PRIMARY);
        String name = IdentifierText.fit(targetName, "_pkey");
        if (scope.get(key) == null && scope.isFree(name)) {
            scope.put(key, table.table(), name);
        }
    }

    private List<String> choices(String folded, String spelled, boolean foldClashes) {
        return nameCase == NameCase.LOWER && !foldClashes ? List.of(folded, spelled) : List.of(spelled);
    }

    private NameScope<Relation> relationsOf(String database) {
        return relations.computeIfAbsent(database, d -> new NameScope<>(Set.of()));
    }
}
