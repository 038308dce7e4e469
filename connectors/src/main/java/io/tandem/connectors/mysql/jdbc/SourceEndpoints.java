package io.tandem.connectors.mysql.jdbc;

import io.tandem.engine.config.Secret;
import io.tandem.engine.config.SourceConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Builds a {@link SourceEndpoint} from the {@code source:} config, asking the server its flavor when set to auto. */
public final class SourceEndpoints {

    private SourceEndpoints() {
    }

    /** @throws SQLException only for {@code flavor: auto}, when the server cannot be reached to ask */
    public static SourceEndpoint fromConfig(SourceConfig config) throws SQLException {
        Secret password = config.password().orElse(Secret.of(""));
        Flavor flavor = switch (config.flavor()) {
            case MYSQL -> Flavor.MYSQL;
            case MARIADB -> Flavor.MARIADB;
            case AUTO -> detect(config, password);
        };
        return new SourceEndpoint(flavor, config.host(), config.port(), config.user(), password,
                tls(flavor, config.sslMode()));
    }

    /** Asks with MariaDB Connector/J, which speaks to both server families well enough for VERSION(). */
    private static Flavor detect(SourceConfig config, Secret password) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(tls(Flavor.MARIADB, config.sslMode()));
        properties.setProperty("user", config.user());
        properties.setProperty("password", password.reveal());
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:mariadb://" + host + ":" + config.port() + "/", properties)) {
            return ServerInfo.detect(connection).flavor();
        }
    }

    /**
     * The driver properties for a TLS mode. Without TLS, MySQL 8's default authentication needs the server's
     * public key; fetching it unverified is no weaker than the unencrypted session itself, so it is allowed then.
     */
    public static Map<String, String> tls(Flavor flavor, SourceConfig.SslMode mode) {
        Map<String, String> properties = new HashMap<>();
        if (flavor == Flavor.MARIADB) {
            properties.put("sslMode", switch (mode) {
                case DISABLE -> "disable";
                case TRUST -> "trust";
                case VERIFY_CA -> "verify-ca";
                case VERIFY_FULL -> "verify-full";
            });
        } else {
            properties.put("sslMode", switch (mode) {
                case DISABLE -> "DISABLED";
                case TRUST -> "REQUIRED";
                case VERIFY_CA -> "VERIFY_CA";
                case VERIFY_FULL -> "VERIFY_IDENTITY";
            });
        }
        if (mode == SourceConfig.SslMode.DISABLE) {
            properties.put("allowPublicKeyRetrieval", "true");
        }
        return properties;
    }
}
