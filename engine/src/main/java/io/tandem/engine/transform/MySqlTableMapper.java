package io.tandem.engine.transform;

import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceIndex;
import io.tandem.engine.model.SourceTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a MySQL/MariaDB table to its PostgreSQL form: the source database becomes the schema, names follow
 * {@link TargetNames} (always quoted on the target), types follow {@link MySqlTypeMapping} unless the config
 * overrides a column's type ({@link ColumnOverrides}), AUTO_INCREMENT becomes an identity.
 */
public final class MySqlTableMapper implements TableMapper {

    private final TargetNames names;
    private final ColumnOverrides overrides;
    private final SpatialTarget spatial;

    /** A mapper with names folded to lower case, nothing named yet and no overrides (tests, one-off mappings). */
    public MySqlTableMapper() {
        this(new TargetNames(NameCase.LOWER), ColumnOverrides.none());
    }

    /** A mapper with names folded to lower case, nothing named yet, and these overrides. */
    public MySqlTableMapper(ColumnOverrides overrides) {
        this(new TargetNames(NameCase.LOWER), overrides);
    }

    /** A mapper with no overrides. */
    public MySqlTableMapper(TargetNames names) {
        this(names, ColumnOverrides.none());
    }

    /** A mapper that stores spatial columns as bytea. */
    public MySqlTableMapper(TargetNames names, ColumnOverrides overrides) {
        this(names, overrides, SpatialTarget.BYTEA);
    }

    /**
     * @param names the names given so far; mapping a table names its new objects there
     * @param overrides the config's {@code columns:}
     * @param spatial how spatial columns are stored (PostGIS when the target has it)
     */
    public MySqlTableMapper(TargetNames names, ColumnOverrides overrides, SpatialTarget spatial) {
        this.names = names;
        this.overrides = overrides;
        this.spatial = spatial;
    }

    public TargetNames names() {
        return names;
    }

    /**
     * Whether a table tandem already writes stores a spatial column as bytea: then PostGIS, even if installed
     * since, is not used for the run, so that the table keeps one encoding and a later schema change of it is not
     * read as a type change.
     */
    public static boolean storesSpatialAsBytes(SourceTable source, TargetTable stored) {
        return source.columns().stream().filter(MySqlTypeMapping::isSpatial).anyMatch(column -> stored.columns()
                .stream().anyMatch(c -> c.sourceName().equals(column.name()) && c.kind() == ValueKind.BYTES));
    }

    @Override
    public TargetTable map(SourceTable source) {
        List<String> notes = new ArrayList<>();
        String schema = names.schema(source.id().database());
        String name = names.table(source.id());
        List<String> columnNames = names.columns(source.id(), source.columns().stream().map(SourceColumn::name).toList());
        List<TargetColumn> columns = new ArrayList<>();
        for (int i = 0; i < source.columns().size(); i++) {
            columns.add(named(mapColumn(source, source.columns().get(i), notes), columnNames.get(i)));
        }
        List<String> primaryKey = targetNames(source, columnNames, source.primaryKey());
        return new TargetTable(source.id(), schema, name, columns, primaryKey, indexes(source, columnNames, notes),
                notes);
    }

    private static TargetColumn named(TargetColumn column, String name) {
        return new TargetColumn(column.sourceName(), name, column.pgType(), column.kind(), column.nullable(),
                column.defaultSql(), column.identity(), column.replicated(), column.override());
    }

    /** Source column names of {@code table} to their target names. */
    private static List<String> targetNames(SourceTable table, List<String> columnNames, List<String> sourceNames) {
        return sourceNames.stream().map(column -> {
            int index = table.columnIndex(column);
            if (index < 0) {
                throw new IllegalArgumentException("table " + table.id() + " has no column " + column);
            }
            return columnNames.get(index);
        }).toList();
    }

    private TargetColumn mapColumn(SourceTable table, SourceColumn column, List<String> notes) {
        PgType type;
        try {
            type = MySqlTypeMapping.map(column, notes, spatial);
        } catch (UnsupportedTypeException e) {
            throw new UnsupportedTypeException("table " + table.id() + ": " + e.getMessage());
        }
        boolean identity = column.autoIncrement() && isIdentityCapable(type);
        if (column.autoIncrement() && !identity) {
            notes.add("column " + column.name() + " is AUTO_INCREMENT but maps to " + type.sql()
                    + ", which cannot be an identity; no sequence is created");
        }
        if (column.generated() != SourceColumn.Generated.NO) {
            notes.add("column " + column.name() + " is generated on the source (" + column.generationExpression()
                    + "); the target stores the replicated values as a plain column");
        }
        ColumnOverride override = overrides.find(table.id(), column.name()).orElse(null);
        if (override != null) {
            return overridden(column, type, override, notes);
        }
        String defaultSql = identity ? null : DefaultTranslator.translate(column, type, notes);
        return new TargetColumn(column.name(), column.name(), type.sql(), type.kind(), column.nullable(), defaultSql,
                identity, true);
    }

    /**
     * The column as the config overrides it: the override's type, values still in the mapped type's text form.
     * Neither the source default nor AUTO_INCREMENT carries over: both are written for the mapped type, and
     * converting a default through {@code using} is beyond what DDL allows; they do not affect replicated values.
     */
    private static TargetColumn overridden(SourceColumn column, PgType mapped, ColumnOverride override,
                                           List<String> notes) {
        notes.add("column " + column.name() + " is " + override.type() + " by override from config (mapped type "
                + mapped.sql() + (override.hasUsing() ? ", values converted with " + override.using() : "") + ")");
        if (column.defaultExpression() != null && !column.defaultExpression().equalsIgnoreCase("NULL")) {
            notes.add("column " + column.name() + " default " + column.defaultExpression() + " is not carried over "
                    + "to the overridden type; set it on PostgreSQL by hand");
        }
        if (column.autoIncrement()) {
            notes.add("column " + column.name() + " is AUTO_INCREMENT but overridden to " + override.type()
                    + "; no identity is created");
        }
        return new TargetColumn(column.name(), column.name(), override.type(), mapped.kind(), column.nullable(),
                null, false, true, override);
    }

    private static boolean isIdentityCapable(PgType type) {
        return type.sql().equals("smallint") || type.sql().equals("integer") || type.sql().equals("bigint");
    }

    private List<TargetIndex> indexes(SourceTable source, List<String> columnNames, List<String> notes) {
        List<TargetIndex> indexes = new ArrayList<>();
        for (SourceIndex index : source.indexes()) {
            String skipped = whyNotCreated(index);
            if (skipped != null) {
                notes.add(skipped);
            } else {
                indexes.add(new TargetIndex(index.name(), names.index(source.id(), index.name()), index.unique(),
                        targetNames(source, columnNames, index.columns())));
            }
        }
        return indexes;
    }

    /**
     * Why a source index has no PostgreSQL equivalent tandem creates (FULLTEXT, SPATIAL, prefix), or null when it
     * is created. The same rule for tables copied and for indexes added while streaming.
     */
    public static String whyNotCreated(SourceIndex index) {
        if (!index.isPlainBtree()) {
            return index.kind() + " index " + index.name() + " is not created on the target";
        }
        if (index.prefixLengths().stream().anyMatch(length -> length > 0)) {
            return "prefix index " + index.name() + " is not created on the target"
                    + (index.unique() ? " (its uniqueness over a prefix has no PostgreSQL equivalent)" : "");
        }
        return null;
    }
}
