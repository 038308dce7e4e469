package io.tandem.connectors.mysql.jdbc;

import io.tandem.demo.servers.SourceServer;
import io.tandem.engine.config.Secret;
import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The shared test source server, seen through tandem's own connection code with the engine's account. */
public final class TestSource {

    private TestSource() {
    }

    public static SourceServer server() {
        return TestServers.source();
    }

    public static Flavor flavor() {
        return server().flavor() == io.tandem.demo.servers.Flavor.MARIADB ? Flavor.MARIADB : Flavor.MYSQL;
    }

    /** Connections as the engine account the test kit created, with exactly the grants a production user gets. */
    public static SourceConnections engineConnections() {
        SourceServer server = server();
        return connectionsAs(server.engineUser(), server.enginePassword());
    }

    public static SourceConnections connectionsAs(String user, String password) {
        SourceServer server = server();
        return new SourceConnections(new SourceEndpoint(flavor(), server.host(), server.port(), user,
                Secret.of(password)));
    }

    public static ServerInfo serverInfo() throws SQLException {
        return engineConnections().serverInfo();
    }

    /** An admin connection to {@code database} whose session writes TIMESTAMPs in UTC and allows zero dates. */
    public static Connection admin(String database) throws SQLException {
        Connection connection = server().connect(database);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION time_zone = '+00:00', SESSION sql_mode = ''");
        }
        return connection;
    }

    public static void execute(String database, String... statements) throws SQLException {
        try (Connection connection = admin(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
