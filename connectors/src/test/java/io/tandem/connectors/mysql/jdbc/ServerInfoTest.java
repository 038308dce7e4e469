package io.tandem.connectors.mysql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerInfoTest {

    @Test
    void recognisesMariaDb() {
        ServerInfo info = ServerInfo.parse("11.4.5-MariaDB-log", "MariaDB Server");
        assertEquals(Flavor.MARIADB, info.flavor());
        assertEquals(11, info.major());
        assertEquals(4, info.minor());
        assertEquals(5, info.patch());
        assertTrue(info.atLeast(11, 4));
        assertTrue(info.atLeast(10, 11));
        assertFalse(info.atLeast(11, 5));
    }

    @Test
    void recognisesMySql() {
        ServerInfo info = ServerInfo.parse("8.0.40", "MySQL Community Server - GPL");
        assertEquals(Flavor.MYSQL, info.flavor());
        assertFalse(info.atLeast(8, 2));
        assertTrue(ServerInfo.parse("8.4.3-log", "MySQL Community Server - GPL").atLeast(8, 2));
        assertEquals("MySQL 8.0.40", info.toString());
    }

    @Test
    void detectsTheTestServer() throws Exception {
        ServerInfo info = TestSource.serverInfo();
        assertEquals(TestSource.flavor(), info.flavor());
    }

    @Test
    void sessionSettingsHold() throws Exception {
        try (var connection = TestSource.engineConnections().open();
             var statement = connection.createStatement();
             var rs = statement.executeQuery(
                     "SELECT @@session.time_zone, @@character_set_results, @@session.net_write_timeout")) {
            rs.next();
            assertEquals("+00:00", rs.getString(1));
            assertEquals("utf8mb4", rs.getString(2));
            assertEquals(String.valueOf(SourceConnections.NET_WRITE_TIMEOUT_SECONDS), rs.getString(3));
        }
    }
}
