package io.tandem.connectors.mysql.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.jdbc.TestSource;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServerChecksTest {

    private static String db;
    private static ServerInfo server;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestSource.server().createDatabase("check_grants");
        server = TestSource.serverInfo();
    }

    @AfterAll
    static void tearDown() throws Exception {
        TestSource.server().dropDatabase(db);
    }

    private static List<CheckResult> runAs(SourceConnections connections) throws Exception {
        try (Connection connection = connections.open()) {
            return new ServerChecks(server, List.of(db)).run(connection);
        }
    }

    private static List<CheckResult> failures(List<CheckResult> results) {
        return results.stream().filter(r -> !r.ok()).toList();
    }

    @Test
    void theEngineAccountOnTheTestServerPasses() throws Exception {
        try (Connection connection = TestSource.engineConnections().open()) {
            List<CheckResult> results = new ServerChecks(server, List.of(db)).requirePassing(connection);
            assertTrue(results.stream().anyMatch(r -> r.name().equals("binlog retention")), results.toString());
            assertTrue(results.stream().anyMatch(r -> r.name().equals("privilege SELECT on " + db)));
        }
    }

    @Test
    void missingReplicationPrivilegesAreNamedWithTheGrantThatFixesThem() throws Exception {
        String user = "check_norepl";
        TestSource.execute(db,
                "DROP USER IF EXISTS '" + user + "'@'%'",
                "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'secret-1'",
                "GRANT SELECT ON `" + db + "`.* TO '" + user + "'@'%'");
        try {
            List<CheckResult> failures = failures(runAs(TestSource.connectionsAs(user, "secret-1")));
            List<String> names = failures.stream().map(CheckResult::name).toList();
            assertTrue(names.contains("privilege REPLICATION SLAVE"), failures.toString());
            CheckResult slave = failures.get(names.indexOf("privilege REPLICATION SLAVE"));
            assertTrue(slave.message().endsWith("Fix: GRANT REPLICATION SLAVE ON *.* TO '" + user + "'@'%';"),
                    slave.message());
            String monitor = server.isMariaDb() && server.atLeast(10, 5) ? "BINLOG MONITOR" : "REPLICATION CLIENT";
            assertTrue(names.contains("privilege " + monitor), failures.toString());
            assertTrue(names.stream().noneMatch(n -> n.startsWith("privilege SELECT")), failures.toString());
        } finally {
            TestSource.execute(db, "DROP USER IF EXISTS '" + user + "'@'%'");
        }
    }

    @Test
    void missingSelectOnADatabaseIsNamed() throws Exception {
        String user = "check_noselect";
        TestSource.execute(db,
                "DROP USER IF EXISTS '" + user + "'@'%'",
                "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'secret-2'",
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + user + "'@'%'");
        try {
            List<CheckResult> failures = failures(runAs(TestSource.connectionsAs(user, "secret-2")));
            assertEquals(List.of("privilege SELECT on " + db), failures.stream().map(CheckResult::name).toList());
            assertTrue(failures.get(0).message().endsWith(
                    "Fix: GRANT SELECT ON `" + db + "`.* TO '" + user + "'@'%';"), failures.get(0).message());
        } finally {
            TestSource.execute(db, "DROP USER IF EXISTS '" + user + "'@'%'");
        }
    }

    @Test
    void grantsThroughARoleCount() throws Exception {
        String user = "check_role_user";
        String role = "check_reader";
        TestSource.execute(db,
                "DROP USER IF EXISTS '" + user + "'@'%'",
                "DROP ROLE IF EXISTS " + role,
                "CREATE ROLE " + role,
                "GRANT SELECT ON `" + db + "`.* TO " + role,
                "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'secret-3'",
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + user + "'@'%'",
                "GRANT " + role + " TO '" + user + "'@'%'",
                "SET DEFAULT ROLE " + role + " FOR '" + user + "'@'%'");
        try {
            assertEquals(List.of(), failures(runAs(TestSource.connectionsAs(user, "secret-3"))));
        } finally {
            TestSource.execute(db, "DROP USER IF EXISTS '" + user + "'@'%'", "DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void statementBasedLoggingIsRefused() throws Exception {
        TestSource.execute(db, "SET GLOBAL binlog_format = 'STATEMENT'");
        try (Connection connection = TestSource.engineConnections().open()) {
            ServerChecks checks = new ServerChecks(server, List.of(db));
            ServerCheckException e = assertThrows(ServerCheckException.class, () -> checks.requirePassing(connection));
            assertEquals(List.of("binlog_format"), e.failures().stream().map(CheckResult::name).toList());
            assertTrue(e.getMessage().contains("binlog_format is STATEMENT; tandem needs ROW"), e.getMessage());
            assertTrue(e.getMessage().contains("Fix: SET GLOBAL binlog_format=ROW"), e.getMessage());
        } finally {
            TestSource.execute(db, "SET GLOBAL binlog_format = 'ROW'");
        }
    }

    @Test
    void inetColumnsAnywhereInAReplicatedDatabaseAreNamedBeforeTheSnapshot() throws Exception {
        assumeTrue(server.isMariaDb(), "INET4 and INET6 are MariaDB types");
        String nets = TestSource.server().createDatabase("check_inet");
        try {
            TestSource.execute(nets, "CREATE TABLE hosts (id INT PRIMARY KEY, v4 INET4, name VARCHAR(10), v6 INET6)",
                    "CREATE TABLE plain (id INT PRIMARY KEY)");
            try (Connection connection = TestSource.engineConnections().open()) {
                List<CheckResult> failures = failures(new ServerChecks(server, List.of(db, nets)).run(connection));
                assertEquals(1, failures.size(), failures.toString());
                assertEquals("column types", failures.get(0).name());
                String message = failures.get(0).message();
                assertTrue(message.contains(nets + ".hosts.v4 (inet4), " + nets + ".hosts.v6 (inet6)"), message);
                assertTrue(message.contains("Fix: change each column to VARCHAR(39)"), message);
                assertTrue(failures(new ServerChecks(server, List.of(db)).run(connection)).isEmpty(),
                        "a database without them passes");
            }
        } finally {
            TestSource.server().dropDatabase(nets);
        }
    }
}
