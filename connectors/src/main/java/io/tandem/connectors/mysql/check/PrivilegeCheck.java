package io.tandem.connectors.mysql.check;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the engine account's grants: REPLICATION SLAVE to read the binlog; REPLICATION CLIENT (MariaDB 10.5+:
 * BINLOG MONITOR) to ask for binlog positions; SELECT on every replicated database; and on MySQL, RELOAD for
 * the instant of FLUSH TABLES WITH READ LOCK that pins each table copy's binlog position (MariaDB's snapshot
 * reads the position without a lock); and, when given, what tandem's own heartbeat and fence tables need on the
 * control database ({@code source.control-database}).
 */
final class PrivilegeCheck {

    /** What creating and writing the heartbeat and fence tables takes. */
    static final List<String> CONTROL_PRIVILEGES = List.of("CREATE", "SELECT", "INSERT", "UPDATE", "DELETE");

    private final ServerInfo server;
    private final List<String> databases;
    private final String controlDatabase;

    /** @param controlDatabase tandem's control database, or null to leave it unchecked */
    PrivilegeCheck(ServerInfo server, List<String> databases, String controlDatabase) {
        this.server = server;
        this.databases = databases;
        this.controlDatabase = controlDatabase;
    }

    /** @param currentUser {@code CURRENT_USER()}, e.g. {@code tandem@%} */
    List<CheckResult> check(List<String> grantLines, String currentUser) {
        Grants grants = Grants.parse(grantLines);
        String account = account(currentUser);
        List<CheckResult> results = new ArrayList<>();
        results.add(global(grants, account, "REPLICATION SLAVE", "REPLICATION SLAVE", "to read the binary log"));
        boolean binlogMonitor = server.isMariaDb() && server.atLeast(10, 5);
        if (binlogMonitor && !grants.hasGlobal("REPLICATION CLIENT")) {
            results.add(global(grants, account, "BINLOG MONITOR", "BINLOG MONITOR",
                    "to read binlog positions (SHOW BINARY LOGS, SHOW MASTER STATUS)"));
        } else if (!binlogMonitor) {
            results.add(global(grants, account, "REPLICATION CLIENT", "REPLICATION CLIENT",
                    "to read binlog positions (SHOW BINARY LOGS, SHOW MASTER STATUS)"));
        } else {
            results.add(CheckResult.pass("privilege BINLOG MONITOR", "granted as REPLICATION CLIENT"));
        }
        if (!server.isMariaDb()) {
            results.add(global(grants, account, "RELOAD", "RELOAD",
                    "for the instant of FLUSH TABLES WITH READ LOCK that pins each table copy's binlog position"));
        }
        for (String database : databases) {
            results.add(select(grants, account, database));
        }
        if (controlDatabase != null) {
            results.add(control(grants, account, controlDatabase));
        }
        return results;
    }

    private static CheckResult global(Grants grants, String account, String privilege, String grant, String why) {
        String name = "privilege " + privilege;
        if (grants.hasGlobal(privilege)) {
            return CheckResult.pass(name, "granted");
        }
        return CheckResult.fail(name, "the account " + account + " lacks " + privilege + ", needed " + why
                + ". Fix: GRANT " + grant + " ON *.* TO " + account + ";");
    }

    private static CheckResult select(Grants grants, String account, String database) {
        String name = "privilege SELECT on " + database;
        if (grants.canSelect(database)) {
            return CheckResult.pass(name, "granted");
        }
        String partial = grants.hasTableLevelGrants(database)
                ? " (it has SELECT on some of its tables only, which does not cover the others or tables created later)"
                : "";
        return CheckResult.fail(name, "the account " + account + " lacks SELECT on database " + database + partial
                + ", needed to copy its tables. Fix: GRANT SELECT ON " + MySqlNames.quote(database) + ".* TO "
                + account + ";");
    }

    private static CheckResult control(Grants grants, String account, String database) {
        String name = "privileges on control database " + database;
        List<String> missing = grants.missingOn(database, CONTROL_PRIVILEGES);
        if (missing.isEmpty()) {
            return CheckResult.pass(name, "granted");
        }
        return CheckResult.fail(name, "the account " + account + " lacks " + String.join(", ", missing)
                + " on database " + database + " (source.control-database), needed to create and write tandem's "
                + "heartbeat and fence tables. Fix: GRANT " + String.join(", ", CONTROL_PRIVILEGES) + " ON "
                + MySqlNames.quote(database) + ".* TO " + account + ";");
    }

    /** {@code tandem@%} as it is written in a GRANT: {@code 'tandem'@'%'}. */
    static String account(String currentUser) {
        if (currentUser == null) {
            return "<engine user>";
        }
        int at = currentUser.lastIndexOf('@');
        String user = at < 0 ? currentUser : currentUser.substring(0, at);
        String host = at < 0 ? "%" : currentUser.substring(at + 1);
        return MySqlNames.literal(user) + "@" + MySqlNames.literal(host);
    }
}
