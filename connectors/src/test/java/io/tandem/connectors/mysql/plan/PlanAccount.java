package io.tandem.connectors.mysql.plan;

import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.jdbc.TestSource;
import java.sql.SQLException;

/**
 * An account with the engine's grants plus TRIGGER on one database: the server lists triggers only to accounts
 * that hold it, and the shared engine account must keep exactly the production grants.
 */
final class PlanAccount {

    static final String PASSWORD = "plan-secret-1";

    private PlanAccount() {
    }

    static String user(String db) {
        return "plan_" + Integer.toHexString(db.hashCode());
    }

    static SourceConnections connections(String db) throws SQLException {
        String user = user(db);
        String monitor = TestSource.serverInfo().isMariaDb() && TestSource.serverInfo().atLeast(10, 5)
                ? ", BINLOG MONITOR" : "";
        TestSource.execute(db,
                "DROP USER IF EXISTS '" + user + "'@'%'",
                "CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT" + monitor
                        + " ON *.* TO '" + user + "'@'%'",
                "GRANT TRIGGER ON `" + db + "`.* TO '" + user + "'@'%'");
        return TestSource.connectionsAs(user, PASSWORD);
    }

    static void drop(String db) throws SQLException {
        TestSource.execute(db, "DROP USER IF EXISTS '" + user(db) + "'@'%'");
    }
}
