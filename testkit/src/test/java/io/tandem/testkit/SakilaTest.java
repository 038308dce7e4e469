package io.tandem.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.demo.servers.Flavor;
import io.tandem.demo.servers.Sakila;
import io.tandem.demo.servers.SourceServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SakilaTest {

    private final SourceServer source = TestServers.source();

    @Test
    void loadsEveryTableWithItsRowsAndTheRoutines() throws SQLException {
        String database = Fixtures.sakila();
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = source.connect(database); Statement statement = connection.createStatement()) {
            for (String table : Sakila.ROW_COUNTS.keySet()) {
                counts.put(table, single(statement, "SELECT COUNT(*) FROM `" + table + "`"));
            }
            assertEquals(new TreeMap<>(Sakila.ROW_COUNTS), counts);
            assertEquals(16, single(statement, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + database + "' AND TABLE_TYPE = 'BASE TABLE'"));
            assertEquals(7, single(statement, "SELECT COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = '" + database + "'"));
            assertEquals(6, single(statement, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + database + "'"));
            assertEquals(6, single(statement, "SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '" + database + "'"));
            // The rewritten view reads this database's tables.
            assertEquals(200, single(statement, "SELECT COUNT(*) FROM actor_info"));
        }
    }

    @Test
    void engineAccountCanReadAndSeeTheBinlog() throws SQLException {
        assertTrue(source.engineUser().equals("tandem"));
        try (Connection engine = DriverManager.getConnection(source.jdbcUrl(Fixtures.sakila()), source.engineUser(), source.enginePassword());
             Statement statement = engine.createStatement()) {
            assertEquals(1000, single(statement, "SELECT COUNT(*) FROM film"));
            String status = source.flavor() == Flavor.MARIADB ? "SHOW BINLOG STATUS" : "SHOW MASTER STATUS";
            try (ResultSet binlog = statement.executeQuery(status)) {
                assertTrue(binlog.next(), "binary log is enabled");
            }
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
