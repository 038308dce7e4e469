package io.tandem.testkit;

import io.tandem.demo.servers.Endpoint;
import io.tandem.demo.servers.JdbcSourceServer;
import io.tandem.demo.servers.JdbcTargetServer;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.testkit.ServerMode.Side;
import java.sql.SQLException;
import java.util.Map;

/**
 * Servers described by environment variables. Only the host is required; the rest default to the
 * usual ports and superusers:
 * <pre>
 * TANDEM_TEST_SOURCE_HOST, _PORT (3306), _USER (root), _PASSWORD (empty)
 * TANDEM_TEST_TARGET_HOST, _PORT (5432), _USER (postgres), _PASSWORD (empty), _DATABASE (postgres)
 * </pre>
 */
final class ExternalServers {

    private ExternalServers() {
    }

    static SourceServer source(Map<String, String> environment) throws SQLException {
        return JdbcSourceServer.connectTo(endpoint(Side.SOURCE, environment, 3306, "root"));
    }

    static TargetServer target(Map<String, String> environment) {
        String database = environment.getOrDefault(Side.TARGET.variable("DATABASE"), "postgres");
        return new JdbcTargetServer(endpoint(Side.TARGET, environment, 5432, "postgres"), database);
    }

    private static Endpoint endpoint(Side side, Map<String, String> environment, int defaultPort, String defaultUser) {
        String host = environment.get(side.variable("HOST"));
        if (host == null || host.isBlank()) {
            throw new IllegalStateException("External " + side.name().toLowerCase() + " server requested but "
                    + side.variable("HOST") + " is not set (optional: _PORT, _USER, _PASSWORD"
                    + (side == Side.TARGET ? ", _DATABASE)" : ")"));
        }
        String portText = environment.getOrDefault(side.variable("PORT"), String.valueOf(defaultPort));
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(side.variable("PORT") + " is not a number: " + portText, e);
        }
        return new Endpoint(host, port,
                environment.getOrDefault(side.variable("USER"), defaultUser),
                environment.getOrDefault(side.variable("PASSWORD"), ""));
    }
}
