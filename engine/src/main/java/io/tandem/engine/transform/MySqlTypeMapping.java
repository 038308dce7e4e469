package io.tandem.engine.transform;

import io.tandem.engine.model.SourceColumn;
import java.util.List;
import java.util.Set;

/**
 * The one table from MySQL/MariaDB column types to PostgreSQL types. Each choice keeps every value the source type
 * can hold, exactly; README's type table documents the same mapping and the reasons.
 */
final class MySqlTypeMapping {

    private static final Set<String> SPATIAL_TYPES = Set.of("geometry", "point", "linestring", "polygon",
            "multipoint", "multilinestring", "multipolygon", "geometrycollection", "geomcollection");

    private MySqlTypeMapping() {
    }

    /**
     * @param notes receives what the mapping could not carry over, e.g. the range of an unsigned DECIMAL
     * @param spatial how spatial columns are stored
     */
    static PgType map(SourceColumn column, List<String> notes, SpatialTarget spatial) {
        MySqlColumnType type = MySqlColumnType.parse(column.columnType());
        if (SPATIAL_TYPES.contains(type.base())) {
            return spatial(column, notes, spatial);
        }
        return switch (type.base()) {
            // TINYINT(1) is not turned into boolean: it can hold -128..127, and a cast would make 2 into true.
            case "tinyint", "bool", "boolean" -> PgType.of("smallint", ValueKind.INTEGER);
            case "smallint" -> PgType.of(type.unsigned() ? "integer" : "smallint", ValueKind.INTEGER);
            // MEDIUMINT UNSIGNED tops out at 16,777,215, which integer holds.
            case "mediumint" -> PgType.of("integer", ValueKind.INTEGER);
            case "int", "integer" -> PgType.of(type.unsigned() ? "bigint" : "integer", ValueKind.INTEGER);
            // BIGINT UNSIGNED reaches 18,446,744,073,709,551,615: bigint would overflow above 2^63-1.
            case "bigint" -> PgType.of(type.unsigned() ? "numeric(20,0)" : "bigint", ValueKind.INTEGER);
            case "decimal", "numeric", "dec", "fixed" -> decimal(column, type, notes);
            // MySQL FLOAT is single precision; widening it to float8 would turn 0.1 into 0.10000000149011612.
            case "float" -> PgType.of(type.length() > 24 && type.scale() < 0 ? "double precision" : "real", ValueKind.FLOAT);
            case "double", "double precision", "real" -> PgType.of("double precision", ValueKind.FLOAT);
            case "bit" -> type.length() <= 1
                    ? PgType.of("boolean", ValueKind.BOOLEAN)
                    : PgType.of("bit(" + type.length() + ")", ValueKind.BITS);
            case "date" -> PgType.of("date", ValueKind.DATE);
            // DATETIME is a wall time with no zone; TIMESTAMP is an instant (stored in UTC by MySQL).
            case "datetime" -> PgType.of("timestamp(" + fsp(type) + ") without time zone", ValueKind.TIMESTAMP);
            case "timestamp" -> PgType.of("timestamp(" + fsp(type) + ") with time zone", ValueKind.TIMESTAMPTZ);
            // MySQL TIME is an elapsed time of ±838:59:59; PostgreSQL time stops at 24:00:00.
            case "time" -> PgType.of("interval", ValueKind.INTERVAL);
            case "year" -> PgType.of("smallint", ValueKind.INTEGER);
            case "char" -> PgType.of("varchar(" + Math.max(1, type.length() < 0 ? 1 : type.length()) + ")", ValueKind.TEXT);
            case "varchar" -> PgType.of("varchar(" + Math.max(1, type.length()) + ")", ValueKind.TEXT);
            case "tinytext", "text", "mediumtext", "longtext" -> PgType.of("text", ValueKind.TEXT);
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> PgType.of("bytea", ValueKind.BYTES);
            case "enum", "set" -> enumOrSet(column, notes);
            case "json" -> PgType.of("jsonb", ValueKind.JSON);
            case "uuid" -> PgType.of("uuid", ValueKind.TEXT);
            case "inet4", "inet6" -> PgType.of("inet", ValueKind.TEXT);
            default -> throw new UnsupportedTypeException("column " + column.name() + " has type " + column.columnType()
                    + ", which tandem cannot replicate exactly yet; exclude the table or convert the column on the source");
        };
    }

    private static PgType decimal(SourceColumn column, MySqlColumnType type, List<String> notes) {
        int precision = type.hasLength() ? type.length() : 10;
        int scale = Math.max(type.scale(), 0);
        if (type.unsigned()) {
            notes.add("column " + column.name() + " is DECIMAL UNSIGNED: the target accepts negative values");
        }
        return PgType.of("numeric(" + precision + "," + scale + ")", ValueKind.DECIMAL);
    }

    /**
     * MariaDB keeps table metadata in utf8mb3 and shows a label's character outside the Basic Multilingual Plane
     * (an emoji) as {@code ?}; the binlog carries only the label's number, so Debezium can only stream that
     * {@code ?}. A label with a {@code ?} is therefore pointed out, in the plan and at start.
     */
    private static PgType enumOrSet(SourceColumn column, List<String> notes) {
        column.enumValues().stream().filter(label -> label.indexOf('?') >= 0).findFirst().ifPresent(label ->
                notes.add("column " + column.name() + " has the label '" + label + "': if its ? stands for a character"
                        + " such as an emoji (MariaDB shows those as ? in its metadata), rows streamed with it arrive"
                        + " as ? (the snapshot copies them right); rename the label on the source first"));
        return PgType.of("text", ValueKind.TEXT);
    }

    private static PgType spatial(SourceColumn column, List<String> notes, SpatialTarget spatial) {
        if (spatial.postgis()) {
            return PgType.of(spatial.geometryType(), ValueKind.GEOMETRY);
        }
        notes.add("column " + column.name() + " (" + column.columnType() + ") is stored as bytea in MySQL's internal "
                + "format: a 4-byte little-endian SRID followed by the WKB (PostGIS geometry when the target database "
                + "has the postgis extension)");
        return PgType.of("bytea", ValueKind.BYTES);
    }

    /** Whether the column is one of MySQL's spatial types. */
    static boolean isSpatial(SourceColumn column) {
        return SPATIAL_TYPES.contains(MySqlColumnType.parse(column.columnType()).base());
    }

    private static int fsp(MySqlColumnType type) {
        return type.hasLength() ? type.length() : 0;
    }
}
