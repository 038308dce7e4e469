package io.tandem.connectors.mysql.jdbc;

import io.tandem.engine.config.Secret;
import java.util.Map;
import java.util.Objects;

/**
 * Where the source listens and how tandem logs in. {@code password} is a {@link Secret}, so the record prints
 * without it.
 *
 * @param driverProperties extra JDBC driver properties (TLS settings, for instance); they override tandem's
 *     defaults only for keys tandem does not set for exactness (see {@link SourceConnections})
 */
public record SourceEndpoint(Flavor flavor, String host, int port, String user, Secret password,
                             Map<String, String> driverProperties) {

    public SourceEndpoint {
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        driverProperties = Map.copyOf(driverProperties);
    }

    public SourceEndpoint(Flavor flavor, String host, int port, String user, Secret password) {
        this(flavor, host, port, user, password, Map.of());
    }
}
