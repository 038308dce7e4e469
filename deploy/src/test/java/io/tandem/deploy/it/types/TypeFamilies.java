package io.tandem.deploy.it.types;

import static io.tandem.deploy.it.types.TypeCase.of;

import io.tandem.demo.servers.Flavor;
import io.tandem.deploy.it.types.TypeFamily.Generated;
import java.util.List;

/**
 * Every type family of the type table at its edges: (source column definition, source literal, PostgreSQL text).
 * Adding a case is one line. Expected texts are PostgreSQL's output (session {@code TimeZone=UTC}, default
 * {@code DateStyle} ISO, {@code extra_float_digits} as pgjdbc sets it: shortest exact floats).
 *
 * <p>Values PostgreSQL cannot hold are in {@link #valuePolicies()}, with what the default policies make of them.
 */
final class TypeFamilies {

    /** The session time zone every source write uses: not UTC, so a zone bug shows as a shifted TIMESTAMP. */
    static final String SOURCE_SESSION_TIME_ZONE = "+05:30";

    private static final String POINT_1_2 = "0101000000000000000000f03f0000000000000040";
    private static final String POINT_1_1 = "0101000000000000000000f03f000000000000f03f";
    private static final String ONE = "000000000000f03f";
    private static final String TWO = "0000000000000040";
    private static final String ZERO = "0000000000000000";
    private static final String SRID_0 = "\\x00000000";
    private static final String SRID_4326 = "\\xe6100000";
    private static final String LONG_TEXT = "a\u00e9\uD83D\uDE00".repeat(150_000);

    private TypeFamilies() {
    }

    static List<TypeFamily> all() {
        return List.of(integers(), decimals(), floats(), bitsAndBooleans(), temporal(), strings(), binaries(),
                enumsAndSets(), json(), spatial(), generated(), mariaDbTypes(), valuePolicies());
    }

    static TypeFamily integers() {
        return TypeFamily.of("integers",
                of("TINYINT", "-128", "-128"),
                of("TINYINT", "127", "127"),
                of("TINYINT", "0", "0"),
                of("TINYINT UNSIGNED", "255", "255"),
                of("TINYINT UNSIGNED", "0", "0"),
                of("SMALLINT", "-32768", "-32768"),
                of("SMALLINT", "32767", "32767"),
                of("SMALLINT UNSIGNED", "65535", "65535"),
                of("MEDIUMINT", "-8388608", "-8388608"),
                of("MEDIUMINT", "8388607", "8388607"),
                of("MEDIUMINT UNSIGNED", "16777215", "16777215"),
                of("INT", "-2147483648", "-2147483648"),
                of("INT", "2147483647", "2147483647"),
                of("INT UNSIGNED", "4294967295", "4294967295"),
                of("INT UNSIGNED", "0", "0"),
                of("BIGINT", "-9223372036854775808", "-9223372036854775808"),
                of("BIGINT", "9223372036854775807", "9223372036854775807"),
                of("BIGINT", "0", "0"),
                of("BIGINT UNSIGNED", "18446744073709551615", "18446744073709551615"),
                of("BIGINT UNSIGNED", "9223372036854775808", "9223372036854775808"),
                of("BIGINT UNSIGNED", "0", "0"));
    }

    static TypeFamily decimals() {
        String nines35 = "9".repeat(35);
        String nines30 = "9".repeat(30);
        return TypeFamily.of("decimals",
                of("DECIMAL(65,30)", nines35 + "." + nines30, nines35 + "." + nines30),
                of("DECIMAL(65,30)", "-" + nines35 + "." + nines30, "-" + nines35 + "." + nines30),
                of("DECIMAL(65,30)", "0.000000000000000000000000000001", "0.000000000000000000000000000001"),
                of("DECIMAL(65,30)", "-0.000000000000000000000000000001", "-0.000000000000000000000000000001"),
                of("DECIMAL(65,30)", "0", "0." + "0".repeat(30)),
                of("DECIMAL(65,0)", "9".repeat(65), "9".repeat(65)),
                of("DECIMAL(65,0)", "-" + "9".repeat(65), "-" + "9".repeat(65)),
                of("DECIMAL(5,2)", "-999.99", "-999.99"),
                of("DECIMAL(5,2)", "0.5", "0.50"),
                of("DECIMAL(10,4) UNSIGNED", "999999.9999", "999999.9999"));
    }

    static TypeFamily floats() {
        return TypeFamily.of("floats",
                of("FLOAT", "0.1", "0.1"),
                of("FLOAT", "-3.4028234663852886e38", "-3.4028235e+38"),
                of("FLOAT", "3.4028234663852886e38", "3.4028235e+38"),
                of("FLOAT", "1.401298464324817e-45", "1e-45"),
                of("FLOAT", "123456789", "1.2345679e+08"),
                of("DOUBLE", "0.30000000000000004", "0.30000000000000004"),
                of("DOUBLE", "-1.7976931348623157e308", "-1.7976931348623157e+308"),
                of("DOUBLE", "1.7976931348623157e308", "1.7976931348623157e+308"),
                of("DOUBLE", "4.9e-324", "5e-324"),
                of("DOUBLE", "2.2250738585072014e-308", "2.2250738585072014e-308"),
                of("DOUBLE", "-0e0", "-0"),
                of("REAL", "0.1", "0.1"));
    }

    static TypeFamily bitsAndBooleans() {
        return TypeFamily.of("bits",
                of("BIT(1)", "b'1'", "t"),
                of("BIT(1)", "b'0'", "f"),
                of("BIT(7)", "b'1010101'", "1010101"),
                of("BIT(7)", "b'0000001'", "0000001"),
                of("BIT(64)", "b'" + "1".repeat(64) + "'", "1".repeat(64)),
                of("BIT(64)", "b'1'", "0".repeat(63) + "1"),
                of("BIT(64)", "b'1" + "0".repeat(63) + "'", "1" + "0".repeat(63)),
                of("BIT(64)", "0", "0".repeat(64)),
                of("TINYINT(1)", "5", "5"),
                of("TINYINT(1)", "-128", "-128"),
                of("TINYINT(1)", "1", "1"),
                of("BOOLEAN", "TRUE", "1"),
                of("BOOLEAN", "FALSE", "0"));
    }

    /** TIMESTAMP literals are wall times in {@link #SOURCE_SESSION_TIME_ZONE}; the expected texts are UTC. */
    static TypeFamily temporal() {
        return TypeFamily.of("temporal",
                of("DATE", "'1000-01-01'", "1000-01-01"),
                of("DATE", "'9999-12-31'", "9999-12-31"),
                of("DATE", "'2024-02-29'", "2024-02-29"),
                // Before and inside the Julian-to-Gregorian switch: java.sql.Date would move these by days.
                of("DATE", "'0001-01-01'", "0001-01-01"),
                of("DATE", "'1582-10-10'", "1582-10-10"),
                of("DATETIME", "'1000-01-01 00:00:00'", "1000-01-01 00:00:00"),
                of("DATETIME", "'9999-12-31 23:59:59'", "9999-12-31 23:59:59"),
                of("DATETIME(3)", "'9999-12-31 23:59:59.999'", "9999-12-31 23:59:59.999"),
                of("DATETIME(3)", "'1000-01-01 00:00:00.001'", "1000-01-01 00:00:00.001"),
                of("DATETIME(6)", "'9999-12-31 23:59:59.999999'", "9999-12-31 23:59:59.999999"),
                of("DATETIME(6)", "'1000-01-01 00:00:00.000000'", "1000-01-01 00:00:00"),
                of("DATETIME(6)", "'2024-03-31 02:30:00.5'", "2024-03-31 02:30:00.5"),
                of("DATETIME(6)", "'0001-01-01 00:00:00.000001'", "0001-01-01 00:00:00.000001"),
                of("TIMESTAMP(6) NULL", "'1970-01-01 05:30:01'", "1970-01-01 00:00:01+00"),
                of("TIMESTAMP(6) NULL", "'2038-01-19 08:44:07.999999'", "2038-01-19 03:14:07.999999+00"),
                of("TIMESTAMP(6) NULL", "'2024-01-01 05:30:00.000001'", "2024-01-01 00:00:00.000001+00"),
                of("TIMESTAMP NULL", "'2000-01-01 00:00:00'", "1999-12-31 18:30:00+00"),
                of("TIME(6)", "'-838:59:59.000000'", "-838:59:59"),
                of("TIME(6)", "'838:59:59.000000'", "838:59:59"),
                of("TIME(6)", "'-00:00:00.5'", "-00:00:00.5"),
                of("TIME(6)", "'-00:00:00.000001'", "-00:00:00.000001"),
                of("TIME(6)", "'24:00:00.000001'", "24:00:00.000001"),
                of("TIME", "'00:00:00'", "00:00:00"),
                of("TIME", "'-01:02:03'", "-01:02:03"),
                of("YEAR", "1901", "1901"),
                of("YEAR", "2155", "2155"),
                of("YEAR", "0", "0"));
    }

    /**
     * Values PostgreSQL cannot store, under the default policies ({@code values.zero-dates: null},
     * {@code values.nul-characters: strip}): the same result after the snapshot and while streaming. Zero dates
     * need a non-strict session to be written. Only nullable columns fit this suite (each row fills one column);
     * NOT NULL columns ({@code -infinity}) and the other policies are covered by the value-policy tests.
     */
    static TypeFamily valuePolicies() {
        return TypeFamily.of("policies",
                of("DATE", "'0000-00-00'", null).withSqlMode(""),
                of("DATE", "'2024-00-15'", null).withSqlMode(""),
                of("DATE", "'2024-05-01'", "2024-05-01"),
                of("DATETIME(6)", "'0000-00-00 00:00:00'", null).withSqlMode(""),
                of("DATETIME(6)", "'2024-05-00 10:00:00'", null).withSqlMode(""),
                of("TIMESTAMP NULL", "'0000-00-00 00:00:00'", null).withSqlMode(""),
                of("TIMESTAMP NULL", "'2024-05-01 05:30:00'", "2024-05-01 00:00:00+00"),
                of("VARCHAR(20)", "CONCAT('a', CHAR(0), 'b')", "ab"),
                of("VARCHAR(20)", "'a b'", "a b"),
                of("TEXT", "CONCAT(CHAR(0), 'x', CHAR(0), CHAR(0))", "x"));
    }

    static TypeFamily strings() {
        return TypeFamily.of("strings",
                of("VARCHAR(20)", "'\uD83D\uDE00\uD834\uDD1E \u00fc'", "\uD83D\uDE00\uD834\uDD1E \u00fc"),
                of("VARCHAR(20)", "''", ""),
                of("VARCHAR(20)", "'ab  '", "ab  "),
                of("VARCHAR(20)", "'it''s \\\\ \"q\"\\n'", "it's \\ \"q\"\n"),
                // COPY's NULL marker and the word NULL are text like any other.
                of("VARCHAR(20)", "'\\\\N'", "\\N"),
                of("VARCHAR(20)", "'NULL'", "NULL"),
                of("CHAR(0)", "''", ""),
                of("CHAR(5)", "'ab   '", "ab"),
                of("CHAR(5)", "'\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00'",
                        "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00"),
                of("CHAR(5)", "''", ""),
                of("TINYTEXT", "'\uD83D\uDE00'", "\uD83D\uDE00"),
                of("TEXT", "'line1\\r\\nline2\\ttab'", "line1\r\nline2\ttab"),
                of("MEDIUMTEXT", "'\u20ac\u2030'", "\u20ac\u2030"),
                of("LONGTEXT", "REPEAT('a\u00e9\uD83D\uDE00', 150000)", LONG_TEXT),
                of("LONGTEXT", "''", ""),
                of("VARCHAR(10) CHARACTER SET utf8mb3", "'\u20ac\u00fc\u4e2d'", "\u20ac\u00fc\u4e2d"),
                // MySQL's latin1 is cp1252: the euro sign and per-mille sign are single bytes 0x80 and 0x89.
                of("VARCHAR(10) CHARACTER SET latin1", "'\u20ac\u2030\u00ff'", "\u20ac\u2030\u00ff"),
                of("TEXT CHARACTER SET latin1", "'caf\u00e9 \u20ac'", "caf\u00e9 \u20ac"),
                of("VARCHAR(10) CHARACTER SET cp1251", "'\u041f\u0440\u0438\u0432\u0435\u0442'",
                        "\u041f\u0440\u0438\u0432\u0435\u0442"),
                of("VARCHAR(10) CHARACTER SET koi8r", "'\u0416\u0451\u043b\u0442\u044b\u0439'",
                        "\u0416\u0451\u043b\u0442\u044b\u0439"),
                of("VARCHAR(10) CHARACTER SET sjis", "'\u65e5\u672c\u8a9e'", "\u65e5\u672c\u8a9e"),
                of("VARCHAR(10) CHARACTER SET gbk", "'\u4e2d\u6587'", "\u4e2d\u6587"));
    }

    static TypeFamily binaries() {
        return TypeFamily.of("binaries",
                of("BINARY(4)", "'ab'", "\\x61620000"),
                of("BINARY(4)", "x''", "\\x00000000"),
                of("BINARY(4)", "x'ffffffff'", "\\xffffffff"),
                of("VARBINARY(10)", "x'000100'", "\\x000100"),
                of("VARBINARY(10)", "x''", "\\x"),
                of("VARBINARY(10)", "x'6162200000'", "\\x6162200000"),
                of("VARBINARY(10)", "x'5c4e0a5c'", "\\x5c4e0a5c"),
                of("TINYBLOB", "x'ff'", "\\xff"),
                of("BLOB", "x'00'", "\\x00"),
                of("BLOB", "x''", "\\x"),
                of("MEDIUMBLOB", "x'deadbeef'", "\\xdeadbeef"),
                of("LONGBLOB", "REPEAT(x'00ff', 500000)", "\\x" + "00ff".repeat(500_000)));
    }

    /**
     * Known gap: a label with a 4-byte character (an emoji) is not here. MariaDB's {@code SHOW CREATE TABLE} and
     * {@code information_schema} print it as {@code ?}, and the binlog carries only the label's number, so streamed
     * rows would get {@code ?} (the snapshot copies the right text).
     */
    static TypeFamily enumsAndSets() {
        String labels = "ENUM('a','b,c','it''s','x\\\\y','\u00fc\u00df','')";
        return TypeFamily.of("enums",
                of(labels, "'a'", "a"),
                of(labels, "'b,c'", "b,c"),
                of(labels, "'it''s'", "it's"),
                of(labels, "'x\\\\y'", "x\\y"),
                of(labels, "'\u00fc\u00df'", "\u00fc\u00df"),
                of(labels, "''", ""),
                // A value outside the list, accepted by a non-strict session as the error member (index 0).
                of("ENUM('x','y')", "'zzz'", "").withSqlMode(""),
                of("ENUM('x','y')", "'y'", "y"),
                of("SET('x','y','z','a\\\\b')", "''", ""),
                of("SET('x','y','z','a\\\\b')", "'x,y,z,a\\\\b'", "x,y,z,a\\b"),
                of("SET('x','y','z','a\\\\b')", "'z,x'", "x,z"));
    }

    /** MariaDB's JSON is LONGTEXT with a validity check (text, verbatim); MySQL's is binary JSON (jsonb). */
    static TypeFamily json() {
        return TypeFamily.of("json",
                of("JSON", "'{\"b\": 1, \"a\": [1, 2.5, \"x\", null, true, {\"c\": {}}]}'",
                        "{\"b\": 1, \"a\": [1, 2.5, \"x\", null, true, {\"c\": {}}]}")
                        .onMySql("{\"a\": [1, 2.5, \"x\", null, true, {\"c\": {}}], \"b\": 1}"),
                of("JSON", "'{\"u\": \"\\\\u00e9\\\\ud83d\\\\ude00\", \"e\": \"\u00e9\"}'",
                        "{\"u\": \"\\u00e9\\ud83d\\ude00\", \"e\": \"\u00e9\"}")
                        .onMySql("{\"e\": \"\u00e9\", \"u\": \"\u00e9\uD83D\uDE00\"}"),
                of("JSON", "'[18446744073709551615, -9223372036854775808, 0.1]'",
                        "[18446744073709551615, -9223372036854775808, 0.1]"),
                of("JSON", "'\"text\"'", "\"text\""),
                of("JSON", "'[]'", "[]"));
    }

    /**
     * MySQL's internal form: 4-byte little-endian SRID, then WKB. SRID 4326 uses symmetric coordinates, so the axis
     * order MySQL 8 applies to geographic systems cannot change the bytes.
     */
    static TypeFamily spatial() {
        return TypeFamily.of("spatial",
                of("POINT", "ST_GeomFromText('POINT(1 2)')", SRID_0 + POINT_1_2),
                of("POINT", "ST_GeomFromText('POINT(1 1)', 4326)", SRID_4326 + POINT_1_1),
                of("LINESTRING", "ST_GeomFromText('LINESTRING(0 0, 1 1)')",
                        SRID_0 + "010200000002000000" + ZERO + ZERO + ONE + ONE),
                of("LINESTRING", "ST_GeomFromText('LINESTRING(1 1, 2 2)', 4326)",
                        SRID_4326 + "010200000002000000" + ONE + ONE + TWO + TWO),
                of("POLYGON", "ST_GeomFromText('POLYGON((0 0, 1 0, 1 1, 0 0))')",
                        SRID_0 + "01030000000100000004000000" + ZERO + ZERO + ONE + ZERO + ONE + ONE + ZERO + ZERO),
                of("GEOMETRY", "ST_GeomFromText('POINT(1 2)')", SRID_0 + POINT_1_2),
                of("GEOMETRY", "ST_GeomFromText('MULTIPOINT(1 2)')", SRID_0 + "010400000001000000" + POINT_1_2),
                of("GEOMETRY", "ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 2))')",
                        SRID_0 + "010700000001000000" + POINT_1_2),
                of("GEOMETRY", "ST_GeomFromText('POINT(1 1)', 4326)", SRID_4326 + POINT_1_1));
    }

    /** The target stores what the source computed, as a plain column. */
    static TypeFamily generated() {
        return TypeFamily.of("generated",
                of("INT", "7", "7"),
                of("INT", "-3", "-3"),
                of("INT", "NULL", null))
                .withGenerated(
                        new Generated("g_virtual", "BIGINT AS (c1 * 2) VIRTUAL",
                                c1 -> c1 == null ? null : Long.toString(Long.parseLong(c1) * 2)),
                        new Generated("g_stored", "VARCHAR(20) AS (CONCAT('<', c1, '>')) STORED",
                                c1 -> c1 == null ? null : "<" + c1 + ">"));
    }

    /**
     * Known gap: INET4 and INET6 columns are not here. Debezium 3.5's MariaDB DDL grammar does not know them (nor
     * does 3.6.1's), so tandem refuses a source that has one (preflight check "column types").
     */
    static TypeFamily mariaDbTypes() {
        return TypeFamily.of("mariadb_types",
                of("UUID", "'123e4567-e89b-12d3-a456-426614174000'", "123e4567-e89b-12d3-a456-426614174000"),
                of("UUID", "'00000000-0000-0000-0000-000000000000'", "00000000-0000-0000-0000-000000000000"),
                of("UUID", "'ffffffff-ffff-ffff-ffff-ffffffffffff'", "ffffffff-ffff-ffff-ffff-ffffffffffff"),
                of("UUID", "'f47ac10b-58cc-4372-a567-0e02b2c3d479'", "f47ac10b-58cc-4372-a567-0e02b2c3d479"),
                of("UUID", "'6ccd780c-baba-1026-9564-5b8c65000000'", "6ccd780c-baba-1026-9564-5b8c65000000"))
                .onlyOn(Flavor.MARIADB, "UUID is a MariaDB type");
    }
}
