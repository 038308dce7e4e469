package io.tandem.connectors.mysql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.demo.servers.SourceServer;
import io.tandem.engine.config.Secret;
import io.tandem.engine.config.SourceConfig;
import io.tandem.engine.config.TableFilter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceEndpointsTest {

    @Test
    void autoFlavorIsAskedFromTheServer() throws Exception {
        SourceServer server = TestSource.server();
        SourceConfig config = new SourceConfig(server.host(), server.port(), server.engineUser(),
                Optional.of(Secret.of(server.enginePassword())), SourceConfig.Flavor.AUTO, List.of("shop"),
                new TableFilter(List.of("shop"), List.of(), List.of()), 5400, SourceConfig.SslMode.DISABLE,
                "tandem");
        SourceEndpoint endpoint = SourceEndpoints.fromConfig(config);
        assertEquals(TestSource.flavor(), endpoint.flavor());
        assertEquals(TestSource.flavor(), new SourceConnections(endpoint).serverInfo().flavor());
    }

    @Test
    void tlsModesInEachDriversWords() {
        assertEquals("verify-full", SourceEndpoints.tls(Flavor.MARIADB, SourceConfig.SslMode.VERIFY_FULL).get("sslMode"));
        assertEquals("VERIFY_IDENTITY", SourceEndpoints.tls(Flavor.MYSQL, SourceConfig.SslMode.VERIFY_FULL).get("sslMode"));
        assertEquals("REQUIRED", SourceEndpoints.tls(Flavor.MYSQL, SourceConfig.SslMode.TRUST).get("sslMode"));
        assertEquals("true", SourceEndpoints.tls(Flavor.MYSQL, SourceConfig.SslMode.DISABLE).get("allowPublicKeyRetrieval"));
        assertEquals(null, SourceEndpoints.tls(Flavor.MYSQL, SourceConfig.SslMode.VERIFY_CA).get("allowPublicKeyRetrieval"));
    }
}
