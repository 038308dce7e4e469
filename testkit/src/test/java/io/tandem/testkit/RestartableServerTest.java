package io.tandem.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tandem.demo.servers.DatabaseServer;
import io.tandem.demo.servers.RestartableServer;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Stop/start and kill/start keep the data, the port and the accounts. */
class RestartableServerTest {

    @Test
    void sourceComesBackAfterStopAndAfterKill() throws SQLException {
        SourceServer source = TestServers.source();
        assumeTrue(source instanceof RestartableServer, "source server is not owned by this JVM");
        exercise(source, (RestartableServer) source, "CREATE TABLE t (id INT PRIMARY KEY)");
        try (Connection engine = java.sql.DriverManager.getConnection(source.jdbcUrl(""), source.engineUser(), source.enginePassword())) {
            assertTrue(engine.isValid(5), "engine account still logs in after restarts");
        }
    }

    @Test
    void targetComesBackAfterStopAndAfterKill() throws SQLException {
        TargetServer target = TestServers.target();
        assumeTrue(target instanceof RestartableServer, "target server is not owned by this JVM");
        exercise(target, (RestartableServer) target, "CREATE TABLE t (id INT PRIMARY KEY)");
    }

    private static void exercise(DatabaseServer server, RestartableServer restartable, String createTable) throws SQLException {
        String database = server.createDatabase("restart");
        int port = server.port();
        try {
            execute(server, database, createTable);
            execute(server, database, "INSERT INTO t VALUES (1)");

            restartable.stop();
            assertFalse(restartable.isRunning());
            assertThrows(SQLException.class, () -> server.connect(database).close());
            restartable.start();
            execute(server, database, "INSERT INTO t VALUES (2)");

            restartable.kill();
            assertThrows(SQLException.class, () -> server.connect(database).close());
            restartable.start();

            assertTrue(restartable.isRunning());
            assertEquals(port, server.port());
            assertEquals(2, count(server, database));
        } finally {
            restartable.start();
            server.dropDatabase(database);
        }
    }

    private static void execute(DatabaseServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(DatabaseServer server, String database) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM t")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
