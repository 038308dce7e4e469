package io.tandem.connectors.mysql.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tandem.connectors.mysql.jdbc.TestSource;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every type family at its edges, copied from the real server and compared as exact PostgreSQL text. */
class SnapshotTypesTest {

    private static final String POINT_1_2 = "0101000000000000000000f03f0000000000000040";

    private static String db;
    private static TargetTable target;
    private static Map<String, Map<String, String>> byId;

    @BeforeAll
    static void copyTheTypesTable() throws Exception {
        db = TestSource.server().createDatabase("snapshot_types");
        TestSource.execute(db, "CREATE TABLE types ("
                + " id int PRIMARY KEY,"
                + " ti tinyint, tiu tinyint unsigned, si smallint unsigned, mi mediumint unsigned,"
                + " i int, iu int unsigned, bi bigint, biu bigint unsigned,"
                + " dec65 decimal(65,30), f float, d double,"
                + " b1 bit(1), b10 bit(10),"
                + " dt date, dtm datetime(6), ts timestamp(6) NULL, tm time(6), tm0 time, yr year,"
                + " vc varchar(20) CHARACTER SET utf8mb4, l1 varchar(10) CHARACTER SET latin1,"
                + " bn binary(4), bl blob,"
                + " en enum('a','b',''), st set('x','y','z'),"
                + " js json, geo geometry, pt point,"
                + " uu uuid, ip6 inet6, ip4 inet4)");
        TestSource.execute(db,
                "INSERT INTO types VALUES (1,"
                        + " -128, 0, 0, 0, -2147483648, 0, -9223372036854775808, 0,"
                        + " -99999999999999999999999999999999999.999999999999999999999999999999,"
                        + " 0.1, -1.7976931348623157e308,"
                        + " b'0', b'1000000001',"
                        + " '1000-01-01', '1000-01-01 00:00:00.000000', '1970-01-01 00:00:01.000000',"
                        + " '-838:59:59', '00:00:00', 1901,"
                        + " '\uD834\uDD1E clef \uD83D\uDE00', '\u00e9',"
                        + " 'ab', x'00ff10',"
                        + " '', '',"
                        + " '{\"a\": [1, 2.5, \"x\"]}', ST_GeomFromText('POINT(1 2)'), POINT(1, 2),"
                        + " '123e4567-e89b-12d3-a456-426614174000', '::1', '0.0.0.0')",
                "INSERT INTO types VALUES (2,"
                        + " 127, 255, 65535, 16777215, 2147483647, 4294967295, 9223372036854775807,"
                        + " 18446744073709551615,"
                        + " 99999999999999999999999999999999999.999999999999999999999999999999,"
                        + " 3.4028234663852886e38, 1.7976931348623157e308,"
                        + " b'1', b'0000000001',"
                        + " '9999-12-31', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999',"
                        + " '838:59:59.000000', '12:34:56', 2155,"
                        + " '', '\u00ff',"
                        + " x'00000000', x'',"
                        + " 'b', 'z,x',"
                        + " '[]', ST_GeomFromText('POINT(1 2)', 4326), POINT(-1.5, 0),"
                        + " NULL, '2001:db8::1', '192.168.0.1')",
                "INSERT INTO types (id) VALUES (3)",
                "INSERT INTO types (id, l1) VALUES (7, x'61818d8f909d80e9')",
                "INSERT INTO types (id, f, d) VALUES (4, 123456789, 0.30000000000000004), (5, 1.4e-45, 4.9e-324)");
        // A TIMESTAMP written by a session in another zone is still copied as the UTC instant.
        try (Connection connection = TestSource.server().connect(db); Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+05:00'");
            statement.execute("INSERT INTO types (id, ts) VALUES (6, '2024-01-01 05:00:00.5')");
        }
        List<SnapshotTable> tables = SnapshotFixture.tables(db);
        target = tables.get(0).target();
        CollectingTarget sink = new CollectingTarget();
        SnapshotFixture.copier(sink, SnapshotFixture.tracker(), 1).copy(tables);
        byId = new LinkedHashMap<>();
        List<String[]> rows = sink.rowsOf(new TableId(db, "types"));
        rows.stream().sorted(Comparator.comparing(r -> Integer.parseInt(r[0]))).forEach(r -> byId.put(r[0], named(r)));
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        TestSource.server().dropDatabase(db);
    }

    private static Map<String, String> named(String[] row) {
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            named.put(target.columns().get(i).name(), row[i]);
        }
        return named;
    }

    private static void assertRow(String id, Map<String, String> expected) {
        Map<String, String> actual = byId.get(id);
        for (Map.Entry<String, String> column : expected.entrySet()) {
            assertEquals(column.getValue(), actual.get(column.getKey()), "row " + id + " column " + column.getKey());
        }
    }

    @Test
    void copiesEveryRow() {
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), List.copyOf(byId.keySet()));
    }

    @Test
    void integersAtTheirEdges() {
        assertRow("1", Map.of("ti", "-128", "tiu", "0", "si", "0", "mi", "0", "i", "-2147483648", "iu", "0",
                "bi", "-9223372036854775808", "biu", "0"));
        assertRow("2", Map.of("ti", "127", "tiu", "255", "si", "65535", "mi", "16777215", "i", "2147483647",
                "iu", "4294967295", "bi", "9223372036854775807", "biu", "18446744073709551615"));
    }

    @Test
    void decimalsKeepEveryDigit() {
        assertRow("1", Map.of("dec65", "-99999999999999999999999999999999999.999999999999999999999999999999"));
        assertRow("2", Map.of("dec65", "99999999999999999999999999999999999.999999999999999999999999999999"));
    }

    @Test
    void floatsRoundTripAsTheirOwnWidth() {
        assertRow("1", Map.of("f", "0.1", "d", "-1.7976931348623157E308"));
        assertRow("2", Map.of("f", "3.4028235E38", "d", "1.7976931348623157E308"));
        // The server prints FLOAT 123456792 as 123457000; the copy must not.
        assertRow("4", Map.of("f", "1.23456792E8", "d", "0.30000000000000004"));
        assertRow("5", Map.of("f", "1.4E-45", "d", "4.9E-324"));
    }

    @Test
    void bitsAreBooleansOrBitStringsOfTheColumnWidth() {
        assertRow("1", Map.of("b1", "f", "b10", "1000000001"));
        assertRow("2", Map.of("b1", "t", "b10", "0000000001"));
    }

    @Test
    void temporalValuesAsPostgreSqlText() {
        assertRow("1", Map.of("dt", "1000-01-01", "dtm", "1000-01-01 00:00:00.000000",
                "ts", "1970-01-01 00:00:01.000000+00", "tm", "-838:59:59.000000", "tm0", "00:00:00", "yr", "1901"));
        assertRow("2", Map.of("dt", "9999-12-31", "dtm", "9999-12-31 23:59:59.999999",
                "ts", "2038-01-19 03:14:07.999999+00", "tm", "838:59:59.000000", "tm0", "12:34:56", "yr", "2155"));
        assertRow("6", Map.of("ts", "2024-01-01 00:00:00.500000+00"));
    }

    @Test
    void textInAnyCharsetArrivesAsUnicode() {
        assertRow("1", Map.of("vc", "\uD834\uDD1E clef \uD83D\uDE00", "l1", "\u00e9", "en", "", "st", ""));
        assertRow("2", Map.of("vc", "", "l1", "\u00ff", "en", "b", "st", "x,z"));
        // MySQL's latin1: Windows-1252 with its five undefined bytes as C1 controls (the stream decodes the same).
        assertRow("7", Map.of("l1", "a\u0081\u008d\u008f\u0090\u009d\u20ac\u00e9"));
        assertRow("1", Map.of("uu", "123e4567-e89b-12d3-a456-426614174000", "ip6", "::1", "ip4", "0.0.0.0"));
        assertRow("2", Map.of("ip6", "2001:db8::1", "ip4", "192.168.0.1"));
        assertRow("1", Map.of("js", "{\"a\": [1, 2.5, \"x\"]}"));
        assertRow("2", Map.of("js", "[]"));
    }

    @Test
    void bytesAsHexIncludingPaddingAndGeometryWithItsSrid() {
        assertRow("1", Map.of("bn", "\\x61620000", "bl", "\\x00ff10",
                "geo", "\\x00000000" + POINT_1_2, "pt", "\\x00000000" + POINT_1_2));
        assertRow("2", Map.of("bn", "\\x00000000", "bl", "\\x",
                "geo", "\\xe6100000" + POINT_1_2,
                "pt", "\\x00000000" + "0101000000" + "000000000000f8bf" + "0000000000000000"));
    }

    @Test
    void nullsStayNull() {
        Map<String, String> row = byId.get("3");
        assertEquals("3", row.get("id"));
        row.forEach((column, value) -> {
            if (!column.equals("id")) {
                assertNull(value, column);
            }
        });
    }
}
