package io.tandem.demo.servers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A PostgreSQL server reached over JDBC; whoever started it (or nobody) hands over its endpoint. */
public class JdbcTargetServer implements TargetServer {

    private final Endpoint admin;
    private final String maintenanceDatabase;

    public JdbcTargetServer(Endpoint admin, String maintenanceDatabase) {
        this.admin = admin;
        this.maintenanceDatabase = maintenanceDatabase;
    }

    @Override
    public String host() {
        return admin.host();
    }

    @Override
    public int port() {
        return admin.port();
    }

    @Override
    public String adminUser() {
        return admin.user();
    }

    @Override
    public String adminPassword() {
        return admin.password();
    }

    @Override
    public String maintenanceDatabase() {
        return maintenanceDatabase;
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + admin.host() + ":" + admin.port() + "/" + database;
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), admin.user(), admin.password());
    }

    @Override
    public String createDatabase(String prefix) throws SQLException {
        String name = UniqueNames.database(prefix);
        execute("CREATE DATABASE \"" + name + "\" TEMPLATE template0 ENCODING 'UTF8'");
        return name;
    }

    /** {@code WITH (FORCE)} (PostgreSQL 13+) ends sessions a test left open, e.g. a stopped engine's. */
    @Override
    public void dropDatabase(String database) throws SQLException {
        execute("DROP DATABASE IF EXISTS \"" + database.replace("\"", "\"\"") + "\" WITH (FORCE)");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(maintenanceDatabase); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + admin;
    }
}
