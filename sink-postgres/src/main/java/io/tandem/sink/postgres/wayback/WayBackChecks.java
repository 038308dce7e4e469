package io.tandem.sink.postgres.wayback;

import io.tandem.sink.postgres.sql.SqlIdentifiers;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What PostgreSQL must offer before the way back can be armed, checked as the role tandem connects with: each
 * finding names the setting or privilege and the fix (for {@code tandem plan} and the cutover gate). A check that
 * cannot be run (a catalog view the role may not read) says so instead of guessing.
 */
public final class WayBackChecks {

    /** The functions a tagging session calls (setup, reset) and arming calls (create). */
    private static final List<String> ORIGIN_FUNCTIONS = List.of("pg_replication_origin_session_setup",
            "pg_replication_origin_session_reset", "pg_replication_origin_create");
    private static final String ROLE = "SELECT current_user::text, rolsuper, rolreplication FROM pg_roles"
            + " WHERE rolname = current_user";
    private static final String UNGRANTED_FUNCTIONS = "SELECT p.oid::regprocedure::text FROM pg_proc p"
            + " WHERE p.proname = ANY(?) AND p.pronamespace = 'pg_catalog'::regnamespace"
            + " AND NOT has_function_privilege(p.oid, 'EXECUTE') ORDER BY 1";
    private static final String SLOTS = "SELECT current_setting('max_replication_slots')::int,"
            + " (SELECT count(*) FROM pg_replication_slots),"
            + " EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?),"
            + " EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ? AND active)";
    private static final String SENDERS = "SELECT current_setting('max_wal_senders')::int,"
            + " (SELECT count(*) FROM pg_stat_replication)";
    private static final String OTHER_ORIGINS = "SELECT count(*) FROM pg_replication_origin_status"
            + " WHERE NOT (external_id = ANY(?))";
    private static final String ROLE_POWER = "SELECT r.rolsuper, (SELECT string_agg(s.rolname, ', ' ORDER BY"
            + " s.rolname) FROM pg_roles s WHERE s.rolsuper AND s.oid <> r.oid AND pg_has_role(r.oid, s.oid,"
            + " 'MEMBER')) FROM pg_roles r WHERE r.rolname = ?";

    private final String slotName;
    private final int forwardOrigins;
    private final List<String> applicationRoles;

    /**
     * @param forwardOrigins how many {@link ForwardOrigins} the forward sink uses
     * @param applicationRoles the application's PostgreSQL roles, which the failback freeze fences by REVOKE
     */
    public WayBackChecks(String slotName, int forwardOrigins, List<String> applicationRoles) {
        this.slotName = Objects.requireNonNull(slotName, "slotName");
        this.forwardOrigins = forwardOrigins;
        this.applicationRoles = List.copyOf(applicationRoles);
        ForwardOrigins.names(forwardOrigins); // validates the count
    }

    /**
     * Every check, in a stable order; each one's failure is a finding, not an exception. The connection must be in
     * autocommit mode, so that one failed query does not abort the transaction of the next.
     */
    public List<WayBackFinding> run(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new IllegalStateException("way-back checks need an autocommit connection");
        }
        int version = integer(connection, "SELECT current_setting('server_version_num')::int");
        List<WayBackFinding> findings = new ArrayList<>();
        findings.add(version(version));
        findings.add(guard("wal_level", () -> walLevel(connection)));
        findings.add(guard("replication_role", () -> replicationRole(connection)));
        findings.add(guard("origin_privileges", () -> originPrivileges(connection, version)));
        findings.add(guard("replication_slots", () -> slots(connection)));
        findings.add(guard("wal_senders", () -> walSenders(connection)));
        findings.add(guard("replication_origins", () -> originHeadroom(connection, version)));
        findings.add(guard("max_slot_wal_keep_size", () -> walKeepSize(connection, version)));
        for (String role : applicationRoles) {
            findings.add(guard("application_role", () -> applicationRole(connection, role)));
        }
        if (applicationRoles.isEmpty()) {
            findings.add(WayBackFinding.note("application_role", "no application roles configured: the failback "
                    + "freeze (REVOKE) has nobody to fence, and superuser application roles cannot be refused"));
        }
        return findings;
    }

    private interface Check {
        WayBackFinding run() throws SQLException;
    }

    private static WayBackFinding guard(String name, Check check) {
        try {
            return check.run();
        } catch (SQLException e) {
            return WayBackFinding.warn(name, "could not be checked: " + e.getMessage() + " (SQLSTATE "
                    + e.getSQLState() + ")");
        }
    }

    static WayBackFinding version(int version) {
        if (version < 100000) {
            String shown = (version / 10000) + "." + (version / 100 % 100); // 90624 is 9.6(.24)
            return WayBackFinding.fail("server_version", "PostgreSQL " + shown + " has no pgoutput; the way back "
                    + "needs PostgreSQL 10 or later (14 or later to run without a superuser)");
        }
        if (version < 160000) {
            return WayBackFinding.note("server_version", "PostgreSQL " + (version / 10000) + ": forward writes are "
                    + "filtered client-side only (by their origin); from 16 the server leaves them out (origin=none)");
        }
        return WayBackFinding.pass("server_version", "PostgreSQL " + (version / 10000) + ": the reverse slot "
                + "leaves forward writes out in the server (origin=none)");
    }

    private static WayBackFinding walLevel(Connection connection) throws SQLException {
        String level = text(connection, "SELECT current_setting('wal_level')");
        if ("logical".equals(level)) {
            return WayBackFinding.pass("wal_level", "wal_level = logical");
        }
        return WayBackFinding.fail("wal_level", "wal_level = " + level + "; logical decoding needs wal_level = "
                + "logical: ALTER SYSTEM SET wal_level = logical, then restart PostgreSQL (a reload is not enough)");
    }

    private static WayBackFinding replicationRole(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(ROLE)) {
            row.next();
            String role = row.getString(1);
            if (row.getBoolean(2)) {
                return WayBackFinding.pass("replication_role", "role " + role + " is a superuser");
            }
            if (row.getBoolean(3)) {
                return WayBackFinding.pass("replication_role", "role " + role + " has REPLICATION");
            }
            return WayBackFinding.fail("replication_role", "role " + role + " lacks REPLICATION, needed to create "
                    + "and stream the reverse slot: ALTER ROLE " + SqlIdentifiers.quote(role) + " WITH REPLICATION");
        }
    }

    private static WayBackFinding originPrivileges(Connection connection, int version) throws SQLException {
        if (superuser(connection)) {
            return WayBackFinding.pass("origin_privileges", "a superuser may use replication origins");
        }
        if (version < 140000) {
            return WayBackFinding.fail("origin_privileges", "before PostgreSQL 14 only a superuser may tag sessions "
                    + "with a replication origin (pg_replication_origin_session_setup): run the forward sink as a "
                    + "superuser or upgrade to 14 or later and GRANT EXECUTE on the origin functions");
        }
        List<String> ungranted = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(UNGRANTED_FUNCTIONS)) {
            select.setArray(1, connection.createArrayOf("text", ORIGIN_FUNCTIONS.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ungranted.add(rows.getString(1));
                }
            }
        }
        if (ungranted.isEmpty()) {
            return WayBackFinding.pass("origin_privileges", "EXECUTE granted on " + ORIGIN_FUNCTIONS);
        }
        String role = text(connection, "SELECT current_user::text");
        return WayBackFinding.fail("origin_privileges", "role " + role + " may not execute " + ungranted
                + ", needed to tag the forward sink's writes: as a superuser, GRANT EXECUTE ON FUNCTION "
                + String.join(", ", ungranted) + " TO " + SqlIdentifiers.quote(role));
    }

    private WayBackFinding slots(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SLOTS)) {
            select.setString(1, slotName);
            select.setString(2, slotName);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                int max = row.getInt(1);
                long used = row.getLong(2);
                boolean exists = row.getBoolean(3);
                if (exists) {
                    return WayBackFinding.pass("replication_slots", "slot " + slotName + " exists (" + used + " of "
                            + "max_replication_slots = " + max + " in use)");
                }
                if (used < max) {
                    return WayBackFinding.pass("replication_slots", (max - used) + " of max_replication_slots = "
                            + max + " free for slot " + slotName);
                }
                return WayBackFinding.fail("replication_slots", "max_replication_slots = " + max + " and all are in "
                        + "use; slot " + slotName + " needs one: raise max_replication_slots (restart needed) or "
                        + "drop an unused slot");
            }
        }
    }

    private WayBackFinding walSenders(Connection connection) throws SQLException {
        int max;
        long used;
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(SENDERS)) {
            row.next();
            max = row.getInt(1);
            used = row.getLong(2);
        }
        if (used < max) {
            return WayBackFinding.pass("wal_senders", (max - used) + " of max_wal_senders = " + max + " free for "
                    + "the reverse stream");
        }
        return WayBackFinding.fail("wal_senders", "max_wal_senders = " + max + " and all are in use; the reverse "
                + "stream needs one: raise max_wal_senders (restart needed)");
    }

    private WayBackFinding originHeadroom(Connection connection, int version) throws SQLException {
        String setting = version >= 180000 ? "max_active_replication_origins" : "max_replication_slots";
        int max = integer(connection, "SELECT current_setting('" + setting + "')::int");
        long others;
        try (PreparedStatement select = connection.prepareStatement(OTHER_ORIGINS)) {
            Array ours = connection.createArrayOf("text", ForwardOrigins.names(forwardOrigins).toArray());
            select.setArray(1, ours);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                others = row.getLong(1);
            }
        }
        String limit = setting + " = " + max + (version >= 180000 ? "" : " (before PostgreSQL 18 it also bounds "
                + "replication origin states)");
        if (others + forwardOrigins <= max) {
            return WayBackFinding.pass("replication_origins", limit + ": room for " + forwardOrigins + " forward "
                    + "origins beside " + others + " others");
        }
        return WayBackFinding.fail("replication_origins", limit + " leaves room for " + Math.max(0, max - others)
                + " origins beside " + others + " others, the forward sink needs " + forwardOrigins + ": raise "
                + setting + " (restart needed) or use fewer sink connections");
    }

    private static WayBackFinding walKeepSize(Connection connection, int version) throws SQLException {
        if (version < 130000) {
            return WayBackFinding.warn("max_slot_wal_keep_size", "before PostgreSQL 13 a slot retains WAL without "
                    + "limit: alert on the reverse slot's retained WAL and drop it at decommission");
        }
        String size = text(connection, "SELECT current_setting('max_slot_wal_keep_size')");
        if ("-1".equals(size)) {
            return WayBackFinding.warn("max_slot_wal_keep_size", "max_slot_wal_keep_size = -1: a stalled or "
                    + "abandoned reverse slot retains WAL until the disk is full; set a bound (ALTER SYSTEM SET "
                    + "max_slot_wal_keep_size = '…GB', then reload) sized for the longest reverse outage to survive");
        }
        return WayBackFinding.pass("max_slot_wal_keep_size", "max_slot_wal_keep_size = " + size + ": beyond it the "
                + "reverse slot is invalidated (failback then needs a new slot) rather than filling the disk");
    }

    private static WayBackFinding applicationRole(Connection connection, String role) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ROLE_POWER)) {
            select.setString(1, role);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return WayBackFinding.fail("application_role", "application role " + role + " does not exist");
                }
                if (row.getBoolean(1)) {
                    return WayBackFinding.fail("application_role", "application role " + role + " is a superuser: "
                            + "REVOKE cannot keep it from writing during a failback freeze: ALTER ROLE "
                            + SqlIdentifiers.quote(role) + " NOSUPERUSER, or have the application use another role");
                }
                String powerful = row.getString(2);
                if (powerful != null) {
                    return WayBackFinding.fail("application_role", "application role " + role + " is a member of "
                            + "superuser role(s) " + powerful + " and can SET ROLE to them, beyond any REVOKE: "
                            + "REVOKE that membership");
                }
                return WayBackFinding.pass("application_role", "application role " + role + " can be fenced by "
                        + "REVOKE");
            }
        }
    }

    private static boolean superuser(Connection connection) throws SQLException {
        return "on".equals(text(connection, "SELECT current_setting('is_superuser')"));
    }

    private static int integer(Connection connection, String sql) throws SQLException {
        return Integer.parseInt(text(connection, sql));
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
