package io.tandem.connectors.mysql.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which statement and privileges each server version gets. The MySQL branches are exercised only here (no MySQL
 * server is available to the integration tests); their SQL follows the reference manual.
 */
class ServerVariantsTest {

    private static final ServerInfo MARIADB_10_4 = ServerInfo.parse("10.4.34-MariaDB", null);
    private static final ServerInfo MARIADB_10_6 = ServerInfo.parse("10.6.20-MariaDB-log", null);
    private static final ServerInfo MARIADB_11_4 = ServerInfo.parse("11.4.5-MariaDB-log", null);
    private static final ServerInfo MYSQL_8_0 = ServerInfo.parse("8.0.40", "MySQL Community Server - GPL");
    private static final ServerInfo MYSQL_8_4 = ServerInfo.parse("8.4.3", "MySQL Community Server - GPL");

    @Test
    void binlogStatusStatementPerVersion() {
        assertEquals("SHOW MASTER STATUS", BinlogStatus.showStatement(MARIADB_10_4));
        assertEquals("SHOW BINLOG STATUS", BinlogStatus.showStatement(MARIADB_10_6));
        assertEquals("SHOW MASTER STATUS", BinlogStatus.showStatement(MYSQL_8_0));
        assertEquals("SHOW BINARY LOG STATUS", BinlogStatus.showStatement(MYSQL_8_4));
    }

    @Test
    void readOnlyBypassPrivilegesPerVersion() {
        assertEquals(List.of("SUPER"), ReadOnlyBypass.bypassPrivileges(MARIADB_10_4, false));
        assertEquals(List.of("SUPER", "READ_ONLY ADMIN"), ReadOnlyBypass.bypassPrivileges(MARIADB_10_6, false));
        assertEquals(List.of("READ_ONLY ADMIN"), ReadOnlyBypass.bypassPrivileges(MARIADB_11_4, false));
        assertEquals(List.of("SUPER", "CONNECTION_ADMIN"), ReadOnlyBypass.bypassPrivileges(MYSQL_8_4, false));
        assertEquals(List.of(), ReadOnlyBypass.bypassPrivileges(MYSQL_8_4, true));
    }
}
