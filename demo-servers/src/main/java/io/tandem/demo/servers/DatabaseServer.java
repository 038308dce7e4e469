package io.tandem.demo.servers;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A running database server reachable over TCP with an administrative account. Tests isolate from
 * each other by database: each one asks {@link #createDatabase(String)} for a fresh, unique name.
 */
public interface DatabaseServer {

    String host();

    int port();

    String adminUser();

    String adminPassword();

    /** A JDBC URL without credentials; pass {@link #adminUser()} and {@link #adminPassword()} separately. */
    String jdbcUrl(String database);

    /** A new connection as the admin user; the caller closes it. */
    Connection connect(String database) throws SQLException;

    /**
     * Creates an empty database named {@code prefix} plus a random suffix and returns the name.
     *
     * @param prefix lower-case letters, digits and underscores, starting with a letter
     */
    String createDatabase(String prefix) throws SQLException;

    /** Drops the database if it exists, even while other sessions are connected to it. */
    void dropDatabase(String database) throws SQLException;
}
