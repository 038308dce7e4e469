package io.tandem.connectors.mysql.admin;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import java.sql.SQLException;
import java.util.Set;

/**
 * Turns a privilege error from a freeze statement into one that names the grants the cutover's source login needs
 * (the same list as README.md, "Cutover privileges"). Classified by error code, never by message text.
 */
final class AdminGrants {

    /**
     * 1044 database access denied, 1095 not the owner of the thread (KILL), 1142 table access denied,
     * 1227 a specific privilege is needed (SET GLOBAL, ALTER USER).
     */
    private static final Set<Integer> DENIED = Set.of(1044, 1095, 1142, 1227);

    private AdminGrants() {
    }

    static SQLException explain(SQLException e, ServerInfo server, String action) {
        if (!DENIED.contains(e.getErrorCode())) {
            return e;
        }
        return new SQLException(action + " was refused (" + e.getMessage() + "). The cutover's source login"
                + " (cutover.source-admin, else source.user) needs: " + needed(server), e.getSQLState(),
                e.getErrorCode(), e);
    }

    static String needed(ServerInfo server) {
        if (server.isMariaDb()) {
            return server.atLeast(10, 5)
                    ? "GRANT READ_ONLY ADMIN, CONNECTION ADMIN, CREATE USER, PROCESS, BINLOG MONITOR ON *.* and"
                            + " GRANT SELECT ON mysql.*"
                    : "GRANT SUPER, CREATE USER, PROCESS, REPLICATION CLIENT ON *.* and GRANT SELECT ON mysql.*";
        }
        return "GRANT SYSTEM_VARIABLES_ADMIN, CONNECTION_ADMIN, CREATE USER, PROCESS, REPLICATION CLIENT ON *.* and"
                + " GRANT SELECT ON mysql.*";
    }
}
