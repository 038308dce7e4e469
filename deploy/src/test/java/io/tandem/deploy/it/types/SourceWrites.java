package io.tandem.deploy.it.types;

import io.tandem.demo.servers.SourceServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs the type suites' source writes in one session in {@link TypeFamilies#SOURCE_SESSION_TIME_ZONE}, each in its
 * {@code sql_mode} (the server's strict one when a write names none).
 */
final class SourceWrites {

    private SourceWrites() {
    }

    static void run(SourceServer source, String database, List<FamilyTable.SourceWrite> writes) throws SQLException {
        try (Connection connection = source.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '" + TypeFamilies.SOURCE_SESSION_TIME_ZONE + "'");
            String strictSqlMode;
            try (ResultSet mode = statement.executeQuery("SELECT @@SESSION.sql_mode")) {
                mode.next();
                strictSqlMode = mode.getString(1);
            }
            for (FamilyTable.SourceWrite write : writes) {
                if (write.sqlMode() != null) {
                    setSqlMode(connection, write.sqlMode());
                }
                try {
                    statement.execute(write.sql());
                } catch (SQLException e) {
                    throw new SQLException("source rejected " + Shorten.text(write.sql()) + ": " + e.getMessage(), e);
                } finally {
                    if (write.sqlMode() != null) {
                        setSqlMode(connection, strictSqlMode);
                    }
                }
            }
        }
    }

    private static void setSqlMode(Connection connection, String mode) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SET SESSION sql_mode = ?")) {
            set.setString(1, mode);
            set.execute();
        }
    }
}
