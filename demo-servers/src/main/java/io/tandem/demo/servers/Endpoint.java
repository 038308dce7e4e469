package io.tandem.demo.servers;

import java.util.Objects;

/** Where a server listens and which account administers it. {@link #toString()} hides the password. */
public record Endpoint(String host, int port, String user, String password) {

    public Endpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (port <= 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
