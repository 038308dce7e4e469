package io.tandem.cutover.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.demo.servers.SourceServer;
import io.tandem.engine.model.TableId;
import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The failback's counter step on a real MariaDB: every counter ends past its column's largest id, none is lowered,
 * tables without one are skipped. (InnoDB keeps its counters ahead by itself on MariaDB 10.11+; the step is the
 * assertion that it did, and raises one only where a server did not.)
 */
class AutoIncrementSyncTest {

    private final SourceServer server = TestServers.source();
    private String database;

    @BeforeEach
    void tables() throws SQLException {
        database = server.createDatabase("autoinc");
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE behind (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT) AUTO_INCREMENT = 1");
            statement.execute("CREATE TABLE ahead (`the id` INT AUTO_INCREMENT PRIMARY KEY, v INT) AUTO_INCREMENT = 500");
            statement.execute("CREATE TABLE empty (id INT AUTO_INCREMENT PRIMARY KEY)");
            statement.execute("CREATE TABLE plain (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO ahead VALUES (7, 1)");
            statement.execute("INSERT INTO behind VALUES (5, 1)");
            // Moved up by an UPDATE, as the reverse stream's upsert may do: InnoDB raises the counter to 101 itself.
            statement.execute("UPDATE behind SET id = 100 WHERE id = 5");
        }
    }

    @AfterEach
    void drop() throws SQLException {
        server.dropDatabase(database);
    }

    @Test
    void everyCounterEndsPastTheLargestIdAndNoneIsLowered() throws SQLException {
        List<TableId> tables = List.of(new TableId(database, "behind"), new TableId(database, "ahead"),
                new TableId(database, "empty"), new TableId(database, "plain"));
        try (Connection connection = server.connect(database)) {
            List<AutoIncrementSync.Setting> settings = new AutoIncrementSync(tables).sync(connection);

            assertEquals(3, settings.size(), settings.toString());
            AutoIncrementSync.Setting behind = settings.get(0);
            assertEquals(OptionalLong.of(100), behind.maxValue());
            assertTrue(behind.counterAfter() > 100, behind.toString());
            AutoIncrementSync.Setting ahead = settings.get(1);
            assertEquals("the id", ahead.column());
            assertFalse(ahead.changed(), ahead.toString());
            assertEquals(500, ahead.counterAfter());
            assertFalse(settings.get(2).changed(), "an empty table keeps its counter");
            assertEquals(101, insertAndReturnId(connection));
            assertTrue(new AutoIncrementSync(tables).sync(connection).stream().noneMatch(AutoIncrementSync.Setting::changed),
                    "a second run changes nothing");
        }
    }

    private long insertAndReturnId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO behind (v) VALUES (2)");
            try (ResultSet row = statement.executeQuery("SELECT LAST_INSERT_ID()")) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
