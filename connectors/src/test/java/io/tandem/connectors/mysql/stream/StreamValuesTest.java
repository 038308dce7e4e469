package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.connectors.mysql.jdbc.Flavor;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every type family streamed at its edges, compared with the exact PostgreSQL text the decoder must produce
 * (the form {@link io.tandem.engine.transform.ValueKind} prescribes, as the snapshot copier writes it).
 */
class StreamValuesTest {

    private static StreamHarness h;
    private static List<ChangeEvent> events;

    @BeforeAll
    static void streamAllFamilies() throws Exception {
        h = StreamHarness.create("stream_values");
        h.execute(
                "CREATE TABLE ints (id INT PRIMARY KEY, ti TINYINT, tu TINYINT UNSIGNED, t1 TINYINT(1), si SMALLINT, "
                        + "su SMALLINT UNSIGNED, mi MEDIUMINT, mu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, "
                        + "bu BIGINT UNSIGNED)",
                "CREATE TABLE nums (id INT PRIMARY KEY, wide DECIMAL(65,30), money DECIMAL(5,2), f FLOAT, d DOUBLE)",
                "CREATE TABLE bits (id INT PRIMARY KEY, b1 BIT(1), b10 BIT(10), b64 BIT(64))",
                "CREATE TABLE times (id INT PRIMARY KEY, d DATE, dt DATETIME, dt6 DATETIME(6), ts6 TIMESTAMP(6) NULL, "
                        + "t TIME, t6 TIME(6), y YEAR)",
                "CREATE TABLE texts (id INT PRIMARY KEY, v VARCHAR(20), c CHAR(5), tx TEXT, bin BINARY(4), vb VARBINARY(8), "
                        + "bl BLOB) DEFAULT CHARSET utf8mb4",
                "CREATE TABLE kinds (id INT PRIMARY KEY, e ENUM('a','b'), s SET('x','y','z'), j JSON, g GEOMETRY, p POINT)",
                "CREATE TABLE latin (id INT PRIMARY KEY, l VARCHAR(10) CHARACTER SET latin1, inherited TEXT, "
                        + "u VARCHAR(10) CHARACTER SET utf8mb4) DEFAULT CHARSET latin1");
        Map<TableId, TargetTable> tables = h.mappedTables();
        h.initializeStart(h.currentPosition());
        h.start(tables, Map.of());
        h.execute(
                "INSERT INTO ints VALUES (1, -128, 255, 2, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295, "
                        + "-9223372036854775808, 18446744073709551615)",
                "INSERT INTO ints VALUES (2, 127, 0, -1, 32767, 0, 8388607, 0, 2147483647, 0, 9223372036854775807, 0)",
                "INSERT INTO nums VALUES (1, 99999999999999999999999999999999999.999999999999999999999999999999, 12.50, 0.1, 0.1)",
                "INSERT INTO nums VALUES (2, -0.000000000000000000000000000001, -999.99, -3.5, 1.7976931348623157E308)",
                "INSERT INTO bits VALUES (1, b'1', b'1000000011', b'1111111111111111111111111111111111111111111111111111111111111111')",
                "INSERT INTO bits VALUES (2, b'0', b'0000000100', b'0000000100000010')",
                "INSERT INTO times VALUES (1, '1000-01-01', '2024-02-29 12:34:56', '9999-12-31 23:59:59.999999', "
                        + "'2038-01-19 03:14:07.999999', '-838:59:59', '838:59:59.000000', 1901)",
                "INSERT INTO times VALUES (2, '9999-12-31', '1000-01-01 00:00:00', '1970-01-01 00:00:00.000001', "
                        + "'1970-01-01 00:00:01', '00:00:00', '-00:00:00.000001', 2155)",
                "INSERT INTO times (id, y) VALUES (3, 0)",
                "INSERT INTO texts VALUES (1, '😀𝄞 ü', 'ab', 'line\\nquote'' back\\\\slash', 'ab', x'00ff', x'')",
                "INSERT INTO latin VALUES (1, x'61818d8f909d80e9', x'81ff', x'c3a9')",
                "SET SESSION sql_mode = ''",
                "INSERT INTO kinds VALUES (1, 'zzz', 'z,x', '{\"a\": [1, 2.5, \"x\"]}', ST_GeomFromText('POINT(1 2)'), "
                        + "ST_GeomFromText('POINT(1 2)', 4326))",
                "UPDATE ints SET bu = 1 WHERE id = 2",
                "DELETE FROM nums WHERE id = 2");
        events = h.await(received -> received.stream().anyMatch(e -> e instanceof RowChange row && row.op() == RowChange.Op.DELETE));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void integersAreDigitsIncludingUnsignedBigintMax() {
        assertRow("ints", 1, "1", "-128", "255", "2", "-32768", "65535", "-8388608", "16777215", "-2147483648", "4294967295",
                "-9223372036854775808", "18446744073709551615");
        assertRow("ints", 2, "2", "127", "0", "-1", "32767", "0", "8388607", "0", "2147483647", "0", "9223372036854775807", "0");
        RowChange update = only(RowChange.Op.UPDATE, "ints");
        assertEquals("0", update.before()[11]);
        assertEquals("1", update.after()[11]);
    }

    @Test
    void decimalsArePlainAndFloatsShortest() {
        assertRow("nums", 1, "1", "99999999999999999999999999999999999.999999999999999999999999999999", "12.50", "0.1", "0.1");
        assertRow("nums", 2, "2", "-0.000000000000000000000000000001", "-999.99", "-3.5", "1.7976931348623157E308");
        assertEquals("2", only(RowChange.Op.DELETE, "nums").before()[0]);
    }

    @Test
    void bitsAreMostSignificantFirstAndBit1IsBoolean() {
        assertRow("bits", 1, "1", "t", "1000000011", "1".repeat(64));
        assertRow("bits", 2, "2", "f", "0000000100", "0".repeat(48) + "0000000100000010");
    }

    @Test
    void temporalsAreWallTimesInstantsAndElapsedTimes() {
        assertRow("times", 1, "1", "1000-01-01", "2024-02-29 12:34:56.000000", "9999-12-31 23:59:59.999999",
                "2038-01-19 03:14:07.999999+00", "-838:59:59.000000", "838:59:59.000000", "1901");
        assertRow("times", 2, "2", "9999-12-31", "1000-01-01 00:00:00.000000", "1970-01-01 00:00:00.000001",
                "1970-01-01 00:00:01.000000+00", "0:00:00.000000", "-0:00:00.000001", "2155");
        // Debezium decodes YEAR 0000 as 1900 (ExactTypesConverter undoes it).
        assertRow("times", 3, "3", null, null, null, null, null, null, "0");
    }

    @Test
    void textsKeepEveryCharacterAndBinariesTheirPadding() {
        assertRow("texts", 1, "1", "😀𝄞 ü", "ab", "line\nquote' back\\slash", "\\x61620000", "\\x00ff", "\\x");
    }

    @Test
    void enumsSetsJsonAndGeometries() throws Exception {
        String[] row = insertOf("kinds", 1);
        assertEquals("", row[1], "an invalid ENUM value stored in non-strict mode is the empty string");
        assertEquals("x,z", row[2], "SET members in definition order");
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree("{\"a\": [1, 2.5, \"x\"]}"), json.readTree(row[3]));
        if (h.flavor() == Flavor.MARIADB) {
            assertEquals("{\"a\": [1, 2.5, \"x\"]}", row[3], "MariaDB JSON is text and arrives verbatim");
        }
        // MySQL's internal geometry format: SRID (little-endian) + WKB of POINT(1 2).
        String pointWkb = "0101000000000000000000f03f0000000000000040";
        assertEquals("\\x00000000" + pointWkb, row[4]);
        assertEquals("\\xe6100000" + pointWkb, row[5]);
    }

    @Test
    void latin1IsMySqlsWindows1252WhoseFiveUndefinedBytesAreC1Controls() {
        // What the server (and so the snapshot) makes of these bytes; Java's windows-1252 would give U+FFFD.
        assertRow("latin", 1, "1", "a\u0081\u008d\u008f\u0090\u009d\u20ac\u00e9", "\u0081\u00ff", "\u00e9");
    }

    private static void assertRow(String table, int id, String... expected) {
        assertArrayEquals(expected, insertOf(table, id), table + " row " + id);
    }

    private static String[] insertOf(String table, int id) {
        return events.stream()
                .filter(e -> e instanceof RowChange row && row.op() == RowChange.Op.INSERT && row.table().name().equals(table)
                        && row.after()[0].equals(Integer.toString(id)))
                .map(e -> ((RowChange) e).after())
                .findFirst().orElseThrow(() -> new AssertionError("no insert of " + table + " " + id + " in " + Events.describe(events)));
    }

    private static RowChange only(RowChange.Op op, String table) {
        return events.stream()
                .filter(e -> e instanceof RowChange row && row.op() == op && row.table().name().equals(table))
                .map(RowChange.class::cast).findFirst().orElseThrow();
    }
}
