package io.tandem.cutover.postgres;

import io.tandem.demo.servers.TargetServer;
import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh target database with mixed-case names, owned by the admin (the sink's role), plus application roles
 * that log in without a password (the embedded server trusts local logins). Roles are cluster-wide, so
 * {@link #close()} drops them after the database.
 */
final class TargetFixture implements AutoCloseable {

    final TargetServer server = TestServers.target();
    final String database;
    final Connection admin;
    private final List<String> roles = new ArrayList<>();

    TargetFixture() throws SQLException {
        database = server.createDatabase("gate");
        admin = server.connect(database);
    }

    void execute(String... statements) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** A new role with LOGIN and the given extra attributes (e.g. {@code SUPERUSER}); returns its name. */
    String role(String prefix, String attributes) throws SQLException {
        String role = prefix + "_" + ThreadLocalRandom.current().nextInt(1_000_000);
        execute("CREATE ROLE " + role + " LOGIN " + attributes);
        roles.add(role);
        return role;
    }

    Connection loginAs(String role) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), role, "");
    }

    @Override
    public void close() throws SQLException {
        admin.close();
        server.dropDatabase(database);
        try (Connection maintenance = server.connect(server.maintenanceDatabase());
             Statement statement = maintenance.createStatement()) {
            for (String role : roles) {
                statement.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }
}
