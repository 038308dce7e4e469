package io.tandem.engine.transform;

import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceIndex;
import io.tandem.engine.model.SourceTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a MySQL/MariaDB table to its PostgreSQL form: the source database becomes the schema, names are kept as
 * they are (always quoted on the target), types follow {@link MySqlTypeMapping} unless the config overrides a
 * column's type ({@link ColumnOverrides}), AUTO_INCREMENT becomes an identity.
 */
public final class MySqlTableMapper implements TableMapper {

    /** PostgreSQL silently truncates longer identifiers (NAMEDATALEN - 1), so they must be caught here. */
    private static final int MAX_IDENTIFIER_BYTES = 63;

    private final ColumnOverrides overrides;

    public MySqlTableMapper() {
        this(ColumnOverrides.none());
    }

    public MySqlTableMapper(ColumnOverrides overrides) {
        this.overrides = overrides;
    }

    @Override
    public TargetTable map(SourceTable source) {
        List<String> notes = new ArrayList<>();
        String schema = checkedName(source.id().database(), "database " + source.id().database());
        String name = checkedName(source.id().table(), "table " + source.id());
        List<TargetColumn> columns = new ArrayList<>();
        for (SourceColumn column : source.columns()) {
            columns.add(mapColumn(source, column, notes));
        }
        return new TargetTable(source.id(), schema, name, columns, source.primaryKey(), indexes(source, notes), notes);
    }

    private TargetColumn mapColumn(SourceTable table, SourceColumn column, List<String> notes) {
        checkedName(column.name(), "column " + table.id() + "." + column.name());
        PgType type;
        try {
            type = MySqlTypeMapping.map(column, notes);
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

    private List<TargetIndex> indexes(SourceTable source, List<String> notes) {
        List<TargetIndex> indexes = new ArrayList<>();
        for (SourceIndex index : source.indexes()) {
            if (!index.isPlainBtree()) {
                notes.add(index.kind() + " index " + index.name() + " is not created on the target");
            } else if (index.prefixLengths().stream().anyMatch(length -> length > 0)) {
                notes.add("prefix index " + index.name() + " is not created on the target"
                        + (index.unique() ? " (its uniqueness over a prefix has no PostgreSQL equivalent)" : ""));
            } else {
                indexes.add(new TargetIndex(indexName(source.id().table(), index.name()), index.unique(), index.columns()));
            }
        }
        return indexes;
    }

    /**
     * MySQL index names are per table, PostgreSQL's per schema: prefix with the table name, and shorten long ones
     * deterministically with a hash suffix so that two long names cannot collide.
     */
    public static String indexName(String table, String index) {
        String name = table + "_" + index;
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_IDENTIFIER_BYTES) {
            return name;
        }
        String suffix = "_" + Integer.toHexString(name.hashCode() & 0x7fffffff);
        StringBuilder shortened = new StringBuilder();
        for (int offset = 0; offset < name.length(); ) {
            int codePoint = name.codePointAt(offset);
            String next = new String(Character.toChars(codePoint));
            if ((shortened + next + suffix).getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
                break;
            }
            shortened.append(next);
            offset += Character.charCount(codePoint);
        }
        return shortened + suffix;
    }

    private static String checkedName(String name, String what) {
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            throw new UnsupportedTypeException(what + " is longer than PostgreSQL's 63-byte identifier limit; "
                    + "rename it on the source or exclude the table");
        }
        return name;
    }
}
