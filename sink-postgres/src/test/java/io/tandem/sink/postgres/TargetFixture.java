package io.tandem.sink.postgres;

import io.tandem.demo.servers.TargetServer;
import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A fresh database on the shared test PostgreSQL with a {@link PostgresTarget} open on it; dropped on close. */
final class TargetFixture implements AutoCloseable {

    final TargetServer server;
    final String database;
    final PostgresTarget target;

    private TargetFixture(TargetServer server, String database, PostgresTarget target) {
        this.server = server;
        this.database = database;
        this.target = target;
    }

    static TargetFixture open(String prefix) throws SQLException {
        return open(prefix, PostgresTargetOptions.defaults());
    }

    static TargetFixture open(String prefix, PostgresTargetOptions options) throws SQLException {
        TargetServer server = TestServers.target();
        String database = server.createDatabase(prefix);
        PostgresTarget target = PostgresTarget.open(server.jdbcUrl(database), server.adminUser(),
                server.adminPassword(), options);
        return new TargetFixture(server, database, target);
    }

    /** A second target on the same database, e.g. with other options. */
    PostgresTarget openAnother(PostgresTargetOptions options) {
        return PostgresTarget.open(server.jdbcUrl(database), server.adminUser(), server.adminPassword(), options);
    }

    Connection connect() throws SQLException {
        return server.connect(database);
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Every row of the query, each column as PostgreSQL's text output (null for NULL). */
    List<List<String>> query(String sql) throws SQLException {
        List<List<String>> result = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
        }
        return result;
    }

    /** The single value of a one-row, one-column query. */
    String value(String sql) throws SQLException {
        List<List<String>> rows = query(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError("expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).get(0);
    }

    long count(String table) throws SQLException {
        return Long.parseLong(value("SELECT count(*) FROM " + table));
    }

    @Override
    public void close() throws SQLException {
        target.close();
        server.dropDatabase(database);
    }
}
