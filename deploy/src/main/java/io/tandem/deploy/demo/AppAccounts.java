package io.tandem.deploy.demo;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The application's own login on each side, with only what an application has: DML on its database on the
 * source; on PostgreSQL a login role that may connect and nothing more (the cutover grants it its tables when it
 * opens PostgreSQL).
 */
public final class AppAccounts {

    private AppAccounts() {
    }

    /** Creates {@code user} with {@code password} on both sides. */
    public static void create(Connection sourceAdmin, String sourceDatabase, Connection targetAdmin,
                              String targetDatabase, String user, String password) throws SQLException {
        // The driver binds the account name and password as quoted literals; the database is a quoted identifier.
        try (PreparedStatement create = sourceAdmin.prepareStatement("CREATE USER ?@'%' IDENTIFIED BY ?");
             PreparedStatement grant = sourceAdmin.prepareStatement("GRANT SELECT, INSERT, UPDATE, DELETE ON "
                     + MySqlNames.quote(sourceDatabase) + ".* TO ?@'%'")) {
            create.setString(1, user);
            create.setString(2, password);
            create.executeUpdate();
            grant.setString(1, user);
            grant.executeUpdate();
        }
        // PostgreSQL's DDL takes no parameters: format() quotes the names (%I) and the password (%L).
        try (PreparedStatement generate = targetAdmin.prepareStatement("SELECT format('CREATE ROLE %I LOGIN"
                + " PASSWORD %L', ?, ?), format('GRANT CONNECT ON DATABASE %I TO %I', ?, ?)")) {
            generate.setString(1, user);
            generate.setString(2, password);
            generate.setString(3, targetDatabase);
            generate.setString(4, user);
            try (ResultSet row = generate.executeQuery(); Statement statement = targetAdmin.createStatement()) {
                row.next();
                statement.execute(row.getString(1));
                statement.execute(row.getString(2));
            }
        }
    }
}
