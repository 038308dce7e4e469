package io.tandem.connectors.mysql.admin;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which accounts {@code read_only} does not stop, so the cutover gate can report them: a frozen source is only
 * frozen for accounts without these privileges (CUTOVER.md §5, RELIABILITY.md C2).
 * <ul>
 *   <li>MariaDB 10.11 and later: only {@code READ_ONLY ADMIN} bypasses {@code read_only}, not {@code SUPER}
 *       (MDEV-29596).</li>
 *   <li>Older MariaDB: {@code SUPER}, and {@code READ_ONLY ADMIN} from 10.5.2.</li>
 *   <li>MySQL: {@code SUPER} and {@code CONNECTION_ADMIN}, unless {@code super_read_only} is on, which stops
 *       them too (WL#6799). Not tested: no MySQL server is available to the test suite.</li>
 * </ul>
 * Grants come from {@code information_schema.USER_PRIVILEGES}, which lists every account only to a user that may
 * read the {@code mysql} schema (the cutover's admin login); MariaDB roles are listed as grantees themselves, their
 * members are not expanded.
 */
public final class ReadOnlyBypass {

    /**
     * One account holding a privilege that lets it write while the source is read-only.
     *
     * @param grantee as the server prints it, e.g. {@code 'root'@'localhost'}
     */
    public record Grant(String grantee, String privilege) {
        public Grant {
            Objects.requireNonNull(grantee, "grantee");
            Objects.requireNonNull(privilege, "privilege");
        }

        @Override
        public String toString() {
            return grantee + " has " + privilege;
        }
    }

    private ReadOnlyBypass() {
    }

    /** Every account that can write through {@code read_only} on this server right now, ordered by grantee. */
    public static List<Grant> find(Connection connection, ServerInfo server) throws SQLException {
        List<String> privileges = bypassPrivileges(server, server.isMariaDb() ? false : superReadOnly(connection));
        List<Grant> grants = new ArrayList<>();
        if (privileges.isEmpty()) {
            return grants;
        }
        String sql = "SELECT GRANTEE, PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE IN ("
                + String.join(", ", privileges.stream().map(p -> "?").toList()) + ") ORDER BY GRANTEE, PRIVILEGE_TYPE";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < privileges.size(); i++) {
                statement.setString(i + 1, privileges.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    grants.add(new Grant(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return grants;
    }

    /** The privilege names as {@code USER_PRIVILEGES.PRIVILEGE_TYPE} spells them on this server. */
    static List<String> bypassPrivileges(ServerInfo server, boolean superReadOnly) {
        if (server.isMariaDb()) {
            if (server.atLeast(10, 11)) {
                return List.of("READ_ONLY ADMIN");
            }
            return server.atLeast(10, 5) ? List.of("SUPER", "READ_ONLY ADMIN") : List.of("SUPER");
        }
        return superReadOnly ? List.of() : List.of("SUPER", "CONNECTION_ADMIN");
    }

    private static boolean superReadOnly(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@GLOBAL.super_read_only")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
