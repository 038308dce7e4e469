package io.tandem.sink.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.connectors.mysql.snapshot.SnapshotTable;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.MySqlColumnType;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.mysql.apply.MySqlTableWriter;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The round trip without PostgreSQL: every type family at its edges is rendered to PostgreSQL text by tandem's own
 * snapshot copier, written back through {@link MySqlTableWriter} into an empty copy of the table, and the copy must
 * equal the original byte for byte (compared on the server: HEX of the stored bytes, or the exact double).
 */
class RoundTripTest {

    private static final Set<String> FLOATS = Set.of("float", "double", "real");

    private static String source;
    private static String copy;
    private static Map<TableId, List<String[]>> rendered;
    private static SourceTable types;
    private static SourceTable dups;

    @BeforeAll
    static void renderTheSourceTables() throws Exception {
        source = MySqlFixture.server().createDatabase("reverse_src");
        copy = MySqlFixture.server().createDatabase("reverse_copy");
        MySqlFixture.execute(source, "CREATE TABLE types ("
                + " id int PRIMARY KEY,"
                + " ti tinyint, tiu tinyint unsigned, si smallint, siu smallint unsigned, mi mediumint,"
                + " miu mediumint unsigned, i int, iu int unsigned, bi bigint, biu bigint unsigned,"
                + " dec65 decimal(65,30), dec5 decimal(5,2) unsigned, f float, d double, f73 float(7,3),"
                + " b1 bit(1), b10 bit(10), b64 bit(64),"
                + " dt date, dtm datetime(6), dtm0 datetime, ts timestamp(6) NULL, tm time(6), tm0 time, yr year,"
                + " ch char(5), vc varchar(40) CHARACTER SET utf8mb4, l1 varchar(10) CHARACTER SET latin1,"
                + " tx text, ci varchar(10) COLLATE utf8mb4_general_ci,"
                + " bn binary(4), vb varbinary(10), bl blob,"
                + " en enum('a','b',''), st set('x','y','z'),"
                + " js json, geo geometry, pt point,"
                + " uu uuid, ip6 inet6, ip4 inet4,"
                + " gv int AS (ti + 1) VIRTUAL, gs varchar(60) AS (concat(vc, '!')) STORED)",
                "INSERT INTO types (id, ti, tiu, si, siu, mi, miu, i, iu, bi, biu, dec65, dec5, f, d, f73,"
                        + " b1, b10, b64, dt, dtm, dtm0, ts, tm, tm0, yr, ch, vc, l1, tx, ci, bn, vb, bl, en, st,"
                        + " js, geo, pt, uu, ip6, ip4) VALUES"
                        + " (1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0,"
                        + " -99999999999999999999999999999999999.999999999999999999999999999999, 0.00,"
                        + " -3.4028234663852886e38, -1.7976931348623157e308, -9999.999,"
                        + " b'0', b'0000000000', b'0',"
                        + " '1000-01-01', '1000-01-01 00:00:00.000000', '1000-01-01 00:00:00',"
                        + " '1970-01-01 00:00:01.000000', '-838:59:59.000000', '-838:59:59', 1901,"
                        + " 'ab  ', '\uD834\uDD1E clef \uD83D\uDE00', '\u00e9', 'tab\\tnl\\nquote''back\\\\slash',"
                        + " 'MiXeD', x'00', x'0000ff00', x'00ff10', '', '',"
                        + " '{\"b\":1,  \"a\": [1, 2.5, \"x\"]}', ST_GeomFromText('POINT(1 2)'), POINT(1, 2),"
                        + " '123e4567-e89b-12d3-a456-426614174000', '::1', '0.0.0.0'),"
                        + " (2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295,"
                        + " 9223372036854775807, 18446744073709551615,"
                        + " 99999999999999999999999999999999999.999999999999999999999999999999, 999.99,"
                        + " 3.4028234663852886e38, 1.7976931348623157e308, 9999.999,"
                        + " b'1', b'1111111111', b'1111111111111111111111111111111111111111111111111111111111111111',"
                        + " '9999-12-31', '9999-12-31 23:59:59.999999', '9999-12-31 23:59:59',"
                        + " '2038-01-19 03:14:07.999999', '838:59:59.000000', '838:59:59', 2155,"
                        + " '', '', '\u00ff', '', 'x', x'00000000', x'', x'', 'b', 'z,x',"
                        + " '[]', ST_GeomFromText('LINESTRING(0 0, 1 1)', 4326), POINT(-1.5, 0),"
                        + " NULL, '2001:db8::1', '192.168.0.1')",
                "INSERT INTO types (id) VALUES (3)",
                "INSERT INTO types (id, f, d, yr, tm, dtm, ts, dec5) VALUES"
                        + " (4, 1.4e-45, 4.9e-324, 0, '-00:00:00.000001', '2024-02-29 12:34:56.5',"
                        + " '2024-01-01 05:00:00.5', 0.01),"
                        + " (5, 0.1, 0.30000000000000004, 2000, '00:00:00', '2024-01-01 00:00:00', NULL, 1.5),"
                        + " (6, 1.17549435e-38, 2.2250738585072014e-308, 1999, '24:00:00.5', NULL, NULL, NULL),"
                        // Negative zero: a DECIMAL literal (what the drivers make of a Double) has no sign of zero.
                        + " (7, -0e0, -0e0, NULL, NULL, NULL, NULL, NULL)");
        MySqlFixture.execute(source, "CREATE TABLE dups (a int, b varchar(10) COLLATE utf8mb4_general_ci,"
                        + " f float, d double, dt datetime(3))",
                "INSERT INTO dups VALUES (1, 'x', 0.1, 0.1, '2024-01-01 00:00:00.123'),"
                        + " (1, 'x', 0.1, 0.1, '2024-01-01 00:00:00.123'), (1, 'X', 0.1, 0.1, '2024-01-01 00:00:00.123'),"
                        + " (1, 'x ', 0.1, 0.1, '2024-01-01 00:00:00.123'), (NULL, NULL, NULL, NULL, NULL),"
                        + " (NULL, NULL, NULL, NULL, NULL)");
        MySqlFixture.execute(copy, "CREATE TABLE types LIKE " + MySqlNames.quote(source) + ".types",
                "CREATE TABLE dups LIKE " + MySqlNames.quote(source) + ".dups");
        types = MySqlFixture.read(new TableId(source, "types"));
        dups = MySqlFixture.read(new TableId(source, "dups"));
        rendered = SnapshotRows.of(List.of(new SnapshotTable(types, MySqlFixture.mapped(types.id())),
                new SnapshotTable(dups, MySqlFixture.mapped(dups.id()))));
    }

    @Test
    void everyTypeComesBackExactlyThroughTheUpsert() throws Exception {
        TargetTable target = copyOf(types);
        try (Connection session = MySqlFixture.session()) {
            MySqlTableWriter writer = MySqlFixture.writer(session, target);
            writer.upsert(rendered.get(types.id()));
            // Applied again (a replay after a crash): the same rows, no duplicates.
            writer.upsert(rendered.get(types.id()));
            session.commit();
        }
        assertEquals(7, rendered.get(types.id()).size());
        assertEquals(fingerprints(source, types), fingerprints(copy, types));
    }

    @Test
    void keylessRowsComeBackWithTheirDuplicatesAndAreMatchedOneByOne() throws Exception {
        TargetTable target = copyOf(dups);
        List<String[]> rows = rendered.get(dups.id());
        try (Connection session = MySqlFixture.session()) {
            MySqlFixture.writer(session, target).insert(rows);
            session.commit();
        }
        assertEquals(fingerprints(source, dups), fingerprints(copy, dups));

        // Each rendered row finds exactly its own physical row: 'x', 'X' and 'x ' stay apart, FLOAT 0.1 matches.
        try (Connection session = MySqlFixture.session()) {
            MySqlTableWriter writer = MySqlFixture.writer(session, target);
            for (String[] row : rows) {
                assertTrue(writer.deleteOne(row), () -> "no row matched " + String.join(",", nullsShown(row)));
            }
            assertEquals(List.of("0"), count(session, "dups"));
            session.rollback();
        }
    }

    @Test
    void everyTypeIsMatchedExactlyByAllItsValues() throws Exception {
        TargetTable target = copyOf(types);
        try (Connection session = MySqlFixture.session()) {
            MySqlTableWriter writer = MySqlFixture.writer(session, target);
            writer.upsert(rendered.get(types.id()));
            for (String[] row : rendered.get(types.id())) {
                assertTrue(writer.updateOne(row, row), () -> "update matched no row for id " + row[0]);
                assertTrue(writer.deleteOne(row), () -> "delete matched no row for id " + row[0]);
            }
            assertEquals(List.of("0"), count(session, "types"));
            session.rollback();
        }
    }

    private static List<String> count(Connection session, String table) throws Exception {
        try (var statement = session.createStatement();
             var rows = statement.executeQuery("SELECT COUNT(*) FROM " + MySqlNames.quote(copy) + "."
                     + MySqlNames.quote(table))) {
            rows.next();
            return List.of(rows.getString(1));
        }
    }

    private static TargetTable copyOf(SourceTable table) throws Exception {
        return MySqlFixture.retarget(MySqlFixture.mapped(table.id()), new TableId(copy, table.id().table()));
    }

    /**
     * Every row as one string of its columns' exact forms, sorted: the stored bytes in hex (text in its own
     * charset, so case, trailing spaces and padding count), floating point as the shortest text of the double.
     */
    private static List<String> fingerprints(String database, SourceTable table) throws Exception {
        StringJoiner columns = new StringJoiner(", '|', ", "CONCAT(", ")");
        for (SourceColumn column : table.columns()) {
            String quoted = MySqlNames.quote(column.name());
            String base = MySqlColumnType.parse(column.columnType()).base();
            String exact = FLOATS.contains(base) ? "CONCAT(" + quoted + " * 1e0)"
                    : Set.of("decimal", "date", "datetime", "timestamp", "time", "year", "uuid", "inet4", "inet6",
                            "tinyint", "smallint", "mediumint", "int", "bigint").contains(base)
                    ? "HEX(CAST(" + quoted + " AS CHAR))" : "HEX(" + quoted + ")";
            columns.add("IFNULL(" + exact + ", 'NULL')");
        }
        return MySqlFixture.column(database, "SELECT " + columns + " AS r FROM " + MySqlNames.quote(table.id().table())
                + " ORDER BY r");
    }

    private static String[] nullsShown(String[] row) {
        String[] shown = new String[row.length];
        for (int i = 0; i < row.length; i++) {
            shown[i] = row[i] == null ? "NULL" : row[i];
        }
        return shown;
    }
}
