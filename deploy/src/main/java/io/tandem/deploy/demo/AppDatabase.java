package io.tandem.deploy.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where the simulated application writes: a JDBC URL and its own least-privilege account. */
public record AppDatabase(String name, String jdbcUrl, String user, String password, boolean postgres) {

    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        connection.setAutoCommit(false);
        return connection;
    }

    /** The unique violation is on the primary key: an id collision, never a retried insert. */
    public boolean isIdCollision(SQLException e) {
        if (!postgres) {
            return false; // AUTO_INCREMENT on MySQL/MariaDB: only the (writer, seq) key can collide
        }
        String constraint = e instanceof org.postgresql.util.PSQLException psql
                && psql.getServerErrorMessage() != null ? psql.getServerErrorMessage().getConstraint() : null;
        return constraint != null && constraint.endsWith("_pkey");
    }

    public boolean isDuplicate(SQLException e) {
        return postgres ? "23505".equals(e.getSQLState()) : e.getErrorCode() == 1062;
    }

    @Override
    public String toString() {
        return name;
    }
}
