package io.tandem.connectors.mysql.stream;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds the {@code information_schema.COLUMNS.COLUMN_TYPE} text (e.g. {@code bigint(20) unsigned},
 * {@code decimal(65,30)}, {@code enum('a','b')}) from what Debezium's DDL parser recorded for a column, so a table
 * created while streaming goes through the same type mapping as one read from the server. The parser keeps the
 * keyword as written, so synonyms ({@code INTEGER}, {@code BOOL}, {@code DEC}, {@code REAL}...) are folded into the
 * names the server itself reports.
 */
public final class ColumnTypeText {

    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("integer", "int"), Map.entry("int1", "tinyint"), Map.entry("int2", "smallint"),
            Map.entry("int3", "mediumint"), Map.entry("middleint", "mediumint"), Map.entry("int4", "int"),
            Map.entry("int8", "bigint"), Map.entry("dec", "decimal"), Map.entry("numeric", "decimal"),
            Map.entry("fixed", "decimal"), Map.entry("real", "double"), Map.entry("double precision", "double"),
            Map.entry("float4", "float"), Map.entry("float8", "double"), Map.entry("character", "char"),
            Map.entry("nchar", "char"), Map.entry("national char", "char"), Map.entry("national character", "char"),
            Map.entry("character varying", "varchar"), Map.entry("nvarchar", "varchar"),
            Map.entry("national varchar", "varchar"), Map.entry("varcharacter", "varchar"),
            Map.entry("long", "mediumtext"), Map.entry("long varchar", "mediumtext"),
            Map.entry("long varbinary", "mediumblob"), Map.entry("geomcollection", "geometrycollection"));

    /** Types whose length Debezium fills in from a default the server does not print (e.g. {@code text(65535)}). */
    private static final Set<String> NO_LENGTH = Set.of("tinytext", "text", "mediumtext", "longtext", "tinyblob",
            "blob", "mediumblob", "longblob", "json", "date", "year", "geometry", "point", "linestring", "polygon",
            "multipoint", "multilinestring", "multipolygon", "geometrycollection", "uuid", "inet4", "inet6");

    private static final Set<String> LENGTH_AND_SCALE = Set.of("decimal", "float", "double");

    private ColumnTypeText() {
    }

    /**
     * @param typeName Debezium's {@code typeName}, e.g. {@code BIGINT UNSIGNED ZEROFILL}
     * @param length the declared length or precision, or null
     * @param scale the declared scale, or null
     * @param enumValues the ENUM/SET members, unquoted
     */
    public static String of(String typeName, Integer length, Integer scale, List<String> enumValues) {
        StringBuilder base = new StringBuilder();
        boolean unsigned = false;
        boolean zerofill = false;
        for (String word : typeName.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
            switch (word) {
                case "unsigned" -> unsigned = true;
                case "zerofill" -> zerofill = true;
                case "signed" -> {
                    // The default; the server never prints it.
                }
                default -> base.append(base.length() == 0 ? "" : " ").append(word);
            }
        }
        String flags = (unsigned ? " unsigned" : "") + (zerofill ? " zerofill" : "");
        String name = base.toString();
        if (name.equals("bool") || name.equals("boolean")) {
            return "tinyint(1)" + flags;
        }
        if (name.equals("float") && length != null && length > 24 && scale == null) {
            name = "double";
        }
        String server = SYNONYMS.getOrDefault(name, name);
        return server + arguments(server, length, scale, enumValues) + flags;
    }

    /**
     * The type text MariaDB's catalog reports for a column declared as {@code columnType}. MariaDB's {@code JSON} is
     * an alias for {@code LONGTEXT} (with a validity check): its catalog says {@code longtext} and the server keeps
     * the text as written, so a column declared {@code JSON} in a statement must map like one read from the catalog
     * (to text, not to {@code jsonb}, which would reorder keys and rewrite escapes).
     */
    public static String onMariaDb(String columnType) {
        return columnType.equals("json") ? "longtext" : columnType;
    }

    private static String arguments(String base, Integer length, Integer scale, List<String> enumValues) {
        if (base.equals("enum") || base.equals("set")) {
            return "(" + String.join(",", enumValues.stream().map(ColumnTypeText::quoted).toList()) + ")";
        }
        if (NO_LENGTH.contains(base) || length == null || length < 0) {
            return "";
        }
        if (LENGTH_AND_SCALE.contains(base) && scale != null) {
            return "(" + length + "," + scale + ")";
        }
        if (base.equals("decimal")) {
            return "(" + length + ",0)";
        }
        if (base.equals("float") || base.equals("double")) {
            // FLOAT(p) only chooses single or double precision; the server reports it as float or double.
            return "";
        }
        return "(" + length + ")";
    }

    private static String quoted(String member) {
        return "'" + member.replace("'", "''") + "'";
    }
}
