package io.tandem.testkit.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.demo.servers.SqlScript;
import io.tandem.testkit.PostgresCopy;
import io.tandem.testkit.TestServers;
import io.tandem.testkit.compare.RowDifference.Kind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every mapped type, string keys in code point order, and a table without a key. */
class RowComparatorTypesTest {

    private static final String SCHEMA = """
            CREATE TABLE typed (
              name VARCHAR(20) COLLATE utf8mb4_general_ci PRIMARY KEY,
              tiny TINYINT, flag TINYINT(1), big_unsigned BIGINT UNSIGNED, money DECIMAL(12,4),
              ratio FLOAT, precise DOUBLE, one_bit BIT(1), bits BIT(10), day DATE, moment DATETIME(6),
              stamp TIMESTAMP(3) NULL, span TIME(6), yr YEAR, label ENUM('a','b'), tags SET('x','y','z'),
              body TEXT, raw VARBINARY(16), doc JSON, place GEOMETRY);
            CREATE TABLE duplicates (n INT, label VARCHAR(10));
            INSERT INTO duplicates VALUES (1, 'x'), (1, 'x'), (2, NULL), (NULL, 'y');
            """;

    private static final String ROWS = """
            INSERT INTO typed VALUES
             ('a', -128, 1, 18446744073709551615, -12345678.1234, 1.1, 2.2250738585072014E-308, b'1', b'1010101010',
              '2024-02-29', '2024-02-29 23:59:59.999999', '2038-01-19 03:14:07.499', '-838:59:59.000000', 1901, 'a', 'x,z',
              'multi\\nline ''quoted''', x'00FF10', '{"b": [1, 2.50], "a": {"y": null, "x": true}}', ST_GeomFromText('POINT(1 2)', 4326)),
             ('B', 127, 0, 0, 0, -0.5, 1e308, b'0', b'0', '1000-01-01', '1000-01-01 00:00:00', '1970-01-01 00:00:01', '00:00:00.5', 2155,
              'b', '', '', x'', '[]', ST_GeomFromText('LINESTRING(0 0, 1 1)')),
             ('Z', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
             ('c', 0, 0, 1, 0.5, 3.14159274, 0, b'1', b'1', '2000-01-01', '2000-01-01 12:00:00', NULL, '838:59:59', 2000,
              'a', 'y', 'é', x'FF', '"text"', NULL),
             ('é', 1, 1, 2, 1, 1, 1, b'0', b'11', '2000-01-02', '2000-01-02 00:00:00', NULL, '-00:00:01', 2001, 'b', 'x', 'ü', NULL, '1', NULL),
             ('\uFFEE', 2, 1, 3, 2, 2, 2, b'0', b'111', '2000-01-03', '2000-01-03 00:00:00', NULL, '01:00:00', 2002, 'a', 'z', '', NULL, 'null', NULL),
             ('😀', 3, 1, 4, 3, 3, 3, b'1', b'1111', '2000-01-04', '2000-01-04 00:00:00', NULL, '02:00:00', 2003, 'b', 'x,y,z', '😀', NULL, '{}', NULL);
            """;

    private static TestServers.Pair servers;
    private static String database;
    private static String targetDatabase;
    private static RowComparator comparator;

    @BeforeAll
    static void createAndCopy() throws SQLException {
        servers = TestServers.both();
        database = servers.source().createDatabase("types");
        try (Connection connection = servers.source().connect(database)) {
            SqlScript.run(connection, SCHEMA);
            SqlScript.run(connection, ROWS);
        }
        targetDatabase = servers.target().createDatabase("types");
        PostgresCopy.copy(servers.source(), database, servers.target(), targetDatabase);
        comparator = new RowComparator(servers.source(), servers.target(), targetDatabase);
    }

    @AfterAll
    static void drop() throws SQLException {
        servers.source().dropDatabase(database);
        servers.target().dropDatabase(targetDatabase);
    }

    @Test
    void everyTypeAndStringKeyOrderMatches() throws SQLException {
        ComparisonReport report = comparator.compare(database);

        assertTrue(report.isEqual(), report::toString);
        assertEquals(7, report.table("typed").sourceRows());
        assertEquals(4, report.table("duplicates").targetRows());
    }

    @Test
    void jsonComparesAsDocumentsAndTimestampsAsInstants() throws SQLException {
        target("UPDATE \"%s\".typed SET doc = '{\"a\":{\"x\":true,\"y\":null},\"b\":[1,2.5]}'::jsonb WHERE name = 'a'");
        target("SET TIME ZONE 'Asia/Kolkata'; UPDATE \"%s\".typed SET stamp = '2038-01-19 08:44:07.499+05:30' WHERE name = 'a'");

        assertTrue(comparator.compare(database).isEqual());
    }

    @Test
    void reportsAChangedBitAndAMissingDuplicate() throws SQLException {
        target("UPDATE \"%s\".typed SET bits = B'1010101011' WHERE name = 'a'");
        target("DELETE FROM \"%1$s\".duplicates WHERE ctid = (SELECT min(ctid) FROM \"%1$s\".duplicates WHERE n = 1)");
        try {
            ComparisonReport report = comparator.compare(database);

            TableComparison typed = report.table("typed");
            assertEquals(1, typed.changed(), report::toString);
            assertEquals(List.of("bits"), typed.examples().get(0).changedColumns());
            assertEquals("1010101010", typed.examples().get(0).source().get("bits"));
            TableComparison duplicates = report.table("duplicates");
            assertEquals(List.of(1L, 0L, 0L), List.of(duplicates.missing(), duplicates.extra(), duplicates.changed()));
            assertEquals(Kind.MISSING, duplicates.examples().get(0).kind());
        } finally {
            target("UPDATE \"%s\".typed SET bits = B'1010101010' WHERE name = 'a'");
            target("INSERT INTO \"%s\".duplicates VALUES (1, 'x')");
        }
    }

    private static void target(String sqlTemplate) throws SQLException {
        try (Connection connection = servers.target().connect(targetDatabase); Statement statement = connection.createStatement()) {
            statement.execute(String.format(sqlTemplate, database));
        }
    }
}
