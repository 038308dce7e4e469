package io.tandem.sink.mysql.values;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.ValueKind;
import java.math.BigDecimal;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The conversions of PostgreSQL text to parameters, and what each refuses, without a server. */
class MySqlValuesTest {

    private static final ServerInfo MARIADB = ServerInfo.parse("11.4.5-MariaDB", null);
    private static final ServerInfo MYSQL = ServerInfo.parse("8.4.3", "MySQL Community Server - GPL");

    @Test
    void integersBecomeNumberLiteralsEvenBeyondALong() {
        assertEquals(-9223372036854775808L, convert(ValueKind.INTEGER, "bigint", "-9223372036854775808"));
        assertEquals(new BigDecimal("18446744073709551615"),
                convert(ValueKind.INTEGER, "bigint unsigned", "18446744073709551615"));
        assertEquals(0L, convert(ValueKind.INTEGER, "year", "0"));
        assertRefused(ValueKind.INTEGER, "int", "1.5", "not an integer");
        assertRefused(ValueKind.INTEGER, "int", "-", "not an integer");
    }

    @Test
    void decimalsAreCastToTheColumnTypeAndNeverRounded() {
        ColumnValue value = value(ValueKind.DECIMAL, "decimal(65,30)");
        assertEquals("CAST(? AS DECIMAL(65,30))", value.placeholder());
        String widest = "-99999999999999999999999999999999999.999999999999999999999999999999";
        assertEquals(widest, value.converter().convert(widest));
        assertEquals("0.000000000000000000000000000001", value.converter().convert("1E-30"));
        assertEquals("12.50", convert(ValueKind.DECIMAL, "decimal(5,2)", "12.50"));
        assertEquals("12.5000", convert(ValueKind.DECIMAL, "decimal(5,2)", "12.5000"));
        assertRefused(ValueKind.DECIMAL, "decimal(5,2)", "1.005", "would round");
        assertRefused(ValueKind.DECIMAL, "decimal(5,2)", "1000.00", "integer digits");
        assertRefused(ValueKind.DECIMAL, "decimal(5,2)", "NaN", "DECIMAL");
    }

    @Test
    void floatsAreBoundAsTheExactWidenedValue() {
        assertEquals((double) 0.1f, convert(ValueKind.FLOAT, "float", "0.1"));
        assertEquals((double) Float.MIN_VALUE, convert(ValueKind.FLOAT, "float", "1.4E-45"));
        assertEquals(0.1, convert(ValueKind.FLOAT, "double", "0.1"));
        assertEquals(0.1, convert(ValueKind.FLOAT, "float(30)", "0.1"), "FLOAT(30) is a double");
        assertEquals((double) 1.5f, convert(ValueKind.FLOAT, "float(7,3)", "1.5"));
        assertRefused(ValueKind.FLOAT, "double", "NaN", "no MySQL floating-point");
        assertRefused(ValueKind.FLOAT, "float", "-Infinity", "no MySQL floating-point");
        assertRefused(ValueKind.FLOAT, "float", "1e39", "range of FLOAT");
    }

    @Test
    void bitsAndBooleans() {
        assertEquals("18446744073709551615", convert(ValueKind.BITS, "bit(64)", "1".repeat(64)));
        assertEquals("5", convert(ValueKind.BITS, "bit(3)", "101"));
        assertRefused(ValueKind.BITS, "bit(3)", "0101", "exactly 3 bits");
        assertEquals(1, convert(ValueKind.BOOLEAN, "bit(1)", "t"));
        assertEquals(0, convert(ValueKind.BOOLEAN, "bit(1)", "f"));
        assertRefused(ValueKind.BOOLEAN, "bit(1)", "yes", "not a boolean");
    }

    @Test
    void temporalsKeepTheirTextWhenMySqlCanHoldThem() {
        assertEquals("1000-01-01", convert(ValueKind.DATE, "date", "1000-01-01"));
        assertRefused(ValueKind.DATE, "date", "infinity", "not a date");
        assertRefused(ValueKind.DATE, "date", "-infinity", "not a date");
        assertRefused(ValueKind.DATE, "date", "0044-03-15 BC", "not a date");
        assertRefused(ValueKind.DATE, "date", "10000-01-01", "not a date");
        assertEquals("9999-12-31 23:59:59.999999", convert(ValueKind.TIMESTAMP, "datetime(6)",
                "9999-12-31 23:59:59.999999"));
        assertEquals("2024-01-01 00:00:00.500000", convert(ValueKind.TIMESTAMP, "datetime(1)",
                "2024-01-01 00:00:00.500000"));
        assertRefused(ValueKind.TIMESTAMP, "datetime", "2024-01-01 00:00:00.5", "at most 0 fractional digits");
        assertEquals("2038-01-19 03:14:07.999999", convert(ValueKind.TIMESTAMPTZ, "timestamp(6)",
                "2038-01-19 03:14:07.999999+00"));
        assertRefused(ValueKind.TIMESTAMPTZ, "timestamp", "2024-01-01 00:00:00+02", "UTC timestamp");
        assertEquals("-838:59:59.000000", convert(ValueKind.INTERVAL, "time(6)", "-838:59:59.000000"));
        assertEquals("24:00:00", convert(ValueKind.INTERVAL, "time", "24:00:00"));
        assertRefused(ValueKind.INTERVAL, "time", "839:00:00", "±838:59:59");
        assertRefused(ValueKind.INTERVAL, "time", "1 day 02:00:00", "elapsed time");
    }

    @Test
    void bytesAndGeometries() {
        assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) convert(ValueKind.BYTES, "blob", "\\x00ff"));
        assertRefused(ValueKind.BYTES, "blob", "\\000", "bytea hex");
        byte[] internal = (byte[]) convert(ValueKind.GEOMETRY, "point",
                "0101000020e6100000000000000000f03f0000000000000040");
        assertEquals("e61000000101000000000000000000f03f0000000000000040", HexFormat.of().formatHex(internal));
        assertRefused(ValueKind.GEOMETRY, "point", "0101000080000000000000f03f00000000000000400000000000000840",
                "Z or M");
    }

    @Test
    void textIsMatchedByItsBytesAndJsonAsJson() {
        assertEquals("CAST(CONVERT(`c` USING utf8mb4) AS BINARY) <=> CAST(? AS BINARY)",
                value(ValueKind.TEXT, "varchar(5)").match());
        assertEquals("JSON_NORMALIZE(`c`) <=> JSON_NORMALIZE(?)", value(ValueKind.JSON, "longtext").match());
        ColumnValue mysqlJson = MySqlValues.of(new TableId("d", "t"), target(ValueKind.JSON),
                SourceColumn.of("c", "json", true), MYSQL);
        assertEquals("`c` <=> CAST(? AS JSON)", mysqlJson.match());
    }

    private static Object convert(ValueKind kind, String mysqlType, String text) {
        return value(kind, mysqlType).converter().convert(text);
    }

    private static void assertRefused(ValueKind kind, String mysqlType, String text, String reason) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> convert(kind, mysqlType, text));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    private static ColumnValue value(ValueKind kind, String mysqlType) {
        return MySqlValues.of(new TableId("d", "t"), target(kind), SourceColumn.of("c", mysqlType, true), MARIADB);
    }

    private static TargetColumn target(ValueKind kind) {
        return new TargetColumn("c", "c", "text", kind, true, null, false, true);
    }
}
