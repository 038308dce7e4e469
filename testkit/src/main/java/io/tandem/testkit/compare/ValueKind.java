package io.tandem.testkit.compare;

import java.util.Locale;
import java.util.Set;

/**
 * How a column's values are read into one canonical Java form on both sides, so that a value and
 * its PostgreSQL copy compare equal (MySQL type on the left, PostgreSQL type per tandem's mapping):
 * <ul>
 * <li>NUMBER: integers of every width and sign, DECIMAL, YEAR &rarr; smallint/integer/bigint/numeric; a stripped BigDecimal</li>
 * <li>FLOAT &rarr; real: a Float (read exactly, see {@link MySqlSide}); DOUBLE &rarr; double precision: a Double</li>
 * <li>BITS: BIT(n) &rarr; bit(n), or boolean for BIT(1): n characters {@code 0}/{@code 1}</li>
 * <li>STRING: CHAR, VARCHAR, TEXT, ENUM, SET &rarr; varchar/text: the String</li>
 * <li>BYTES: BINARY, VARBINARY, BLOB &rarr; bytea; GEOMETRY &rarr; bytea of SRID + WKB: {@link Bytes}</li>
 * <li>DATE &rarr; date, DATETIME &rarr; timestamp: ISO text without trailing fractional zeros (keeps zero dates)</li>
 * <li>TIMESTAMP &rarr; timestamptz: an Instant; TIME &rarr; interval: signed microseconds</li>
 * <li>JSON &rarr; jsonb: the document re-printed with sorted keys and normalised numbers</li>
 * </ul>
 */
enum ValueKind {
    NUMBER(true),
    FLOAT(true),
    DOUBLE(true),
    BITS(true),
    STRING(true),
    BYTES(true),
    /** Not orderable: MySQL has no byte order for geometries that PostgreSQL's bytea order would match. */
    GEOMETRY(false),
    DATE(true),
    DATETIME(true),
    TIMESTAMP(true),
    TIME(true),
    /** Not orderable: the two servers order JSON documents differently. */
    JSON(false);

    private static final Set<String> NUMBERS =
            Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "year");
    private static final Set<String> BINARIES = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");
    private static final Set<String> GEOMETRIES = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection", "geomcollection");

    private final boolean orderable;

    ValueKind(boolean orderable) {
        this.orderable = orderable;
    }

    /** Whether both servers can sort by this column in the same order as {@link CanonicalOrder}. */
    boolean orderable() {
        return orderable;
    }

    /**
     * The kind for a source column of MySQL {@code DATA_TYPE} {@code sourceType} whose copy has
     * PostgreSQL type {@code targetType}. A json/jsonb target makes it JSON whatever the source says,
     * because MariaDB reports its JSON columns as {@code longtext}.
     */
    static ValueKind of(String sourceType, String targetType) {
        String source = sourceType.toLowerCase(Locale.ROOT);
        if ("json".equals(source) || "json".equals(targetType) || "jsonb".equals(targetType)) {
            return JSON;
        }
        if (NUMBERS.contains(source)) {
            return NUMBER;
        }
        if (BINARIES.contains(source)) {
            return BYTES;
        }
        if (GEOMETRIES.contains(source)) {
            return GEOMETRY;
        }
        return switch (source) {
            case "float" -> FLOAT;
            case "double", "real", "double precision" -> DOUBLE;
            case "bit" -> BITS;
            case "date" -> DATE;
            case "datetime" -> DATETIME;
            case "timestamp" -> TIMESTAMP;
            case "time" -> TIME;
            default -> STRING;
        };
    }
}
