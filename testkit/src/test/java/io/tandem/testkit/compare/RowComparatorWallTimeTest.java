package io.tandem.testkit.compare;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * DATETIME and TIMESTAMP values are compared as the servers print them, whatever the JVM's zone: a wall time in a
 * daylight-saving gap of that zone, and a fraction with leading zeros, once came out of the source's driver
 * changed (02:30 as 03:30, .001 as .1) and made equal tables differ.
 */
class RowComparatorWallTimeTest {

    @Test
    void wallTimesInADaylightSavingGapAndMillisecondsCompareEqual() throws SQLException {
        TestServers.Pair servers = TestServers.both();
        String database = servers.source().createDatabase("walltime");
        String targetDatabase = servers.target().createDatabase("walltime");
        try (Connection source = servers.source().connect(database);
             Statement statement = source.createStatement()) {
            statement.execute("CREATE TABLE moments (id INT PRIMARY KEY, ms DATETIME(3), gap DATETIME(6),"
                    + " stamp TIMESTAMP(6) NULL)");
            statement.execute("SET time_zone = '+00:00'");
            statement.execute("INSERT INTO moments VALUES (1, '1000-01-01 00:00:00.001', '2024-03-31 02:30:00.5',"
                    + " '2024-03-31 02:30:00.000001')");
        }
        try (Connection target = servers.target().connect(targetDatabase);
             Statement statement = target.createStatement()) {
            statement.execute("CREATE SCHEMA \"" + database + "\"");
            statement.execute("CREATE TABLE \"" + database + "\".moments (id integer PRIMARY KEY, ms timestamp(3),"
                    + " gap timestamp(6), stamp timestamptz(6))");
            statement.execute("INSERT INTO \"" + database + "\".moments VALUES (1, '1000-01-01 00:00:00.001',"
                    + " '2024-03-31 02:30:00.5', '2024-03-31 02:30:00.000001+00')");
        }
        TimeZone jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        try {
            ComparisonReport report = new RowComparator(servers.source(), servers.target(), targetDatabase)
                    .compare(database);
            assertTrue(report.isEqual(), report::toString);
        } finally {
            TimeZone.setDefault(jvmZone);
            servers.source().dropDatabase(database);
            servers.target().dropDatabase(targetDatabase);
        }
    }
}
