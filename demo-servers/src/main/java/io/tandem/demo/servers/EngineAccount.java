package io.tandem.demo.servers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the non-root account the replication engine uses on a source, so that tests exercise the
 * same privilege set a production user would grant.
 */
final class EngineAccount {

    static final String USER = "tandem";

    private static final Logger LOG = LoggerFactory.getLogger(EngineAccount.class);

    /** What Debezium's binlog connectors need for snapshot and streaming on every version. */
    private static final List<String> REQUIRED = List.of(
            "SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "REPLICATION CLIENT", "LOCK TABLES");

    /**
     * tandem's own tables on the source (heartbeat, fence) live in the default control database; the grant is the
     * one the README asks of production users, so tests exercise it.
     */
    static final String CONTROL_GRANT =
            "GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON `tandem`.* TO '" + USER + "'@'%'";

    /**
     * MariaDB 10.5 split these out of REPLICATION CLIENT / SUPER; older servers do not know them.
     * Granted one by one so that one unknown name does not cost the others.
     */
    private static final List<String> MARIADB_OPTIONAL = List.of("BINLOG MONITOR", "REPLICA MONITOR");

    /**
     * Error codes meaning "no such privilege on this server": 1064 parse error (MariaDB before 10.5,
     * and MySQL for multi-word names), 1149 syntax error, 3929 MySQL dynamic privilege not registered.
     */
    private static final Set<Integer> UNKNOWN_PRIVILEGE_CODES = Set.of(1064, 1149, 3929);

    private EngineAccount() {
    }

    /**
     * Creates or resets {@value #USER} with a fresh random password and returns that password. A
     * reused external server keeps the account; its password changes to the new one.
     */
    static String create(Connection admin, Flavor flavor) throws SQLException {
        String password = UniqueNames.password();
        try (PreparedStatement create = admin.prepareStatement("CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY ?");
             PreparedStatement alter = admin.prepareStatement("ALTER USER '" + USER + "'@'%' IDENTIFIED BY ?")) {
            create.setString(1, password);
            create.executeUpdate();
            alter.setString(1, password);
            alter.executeUpdate();
        }
        try (Statement statement = admin.createStatement()) {
            statement.execute("GRANT " + String.join(", ", REQUIRED) + " ON *.* TO '" + USER + "'@'%'");
            statement.execute(CONTROL_GRANT);
            if (flavor == Flavor.MARIADB) {
                for (String privilege : MARIADB_OPTIONAL) {
                    grantIfKnown(statement, privilege);
                }
            }
        }
        return password;
    }

    private static void grantIfKnown(Statement statement, String privilege) throws SQLException {
        try {
            statement.execute("GRANT " + privilege + " ON *.* TO '" + USER + "'@'%'");
        } catch (SQLException e) {
            if (!UNKNOWN_PRIVILEGE_CODES.contains(e.getErrorCode())) {
                throw e;
            }
            LOG.info("Source server does not know privilege {} (error {}); not granted", privilege, e.getErrorCode());
        }
    }
}
