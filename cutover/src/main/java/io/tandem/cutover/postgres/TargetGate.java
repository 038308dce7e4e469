package io.tandem.cutover.postgres;

import io.tandem.sink.postgres.sql.SqlIdentifiers;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The fence on the target: the application's PostgreSQL roles hold no DML on the replicated tables until the
 * cutover opens them (CUTOVER.md C8), so an application that connects early cannot write rows that replication
 * would then overwrite. PostgreSQL has no {@code super_read_only}, so the fence is grants alone, and a role that
 * grants cannot hold back is refused: a superuser, a {@code BYPASSRLS} role, a member of either, or a member of a
 * replicated table's owner (owners have every privilege and can grant themselves more).
 *
 * <p>Every method takes the connection to work on (as the tables' owner, the sink's login) and is idempotent;
 * {@link #writesHeld} and {@link #missingForOpen} read the state back, so a resumed cutover can tell a closed gate
 * from an open one. Role names are passed as parameters where PostgreSQL allows it and quoted everywhere else.
 */
public final class TargetGate {

    /** DML checked for the fence; INSERT and UPDATE also exist per column, so those are checked for any column. */
    private static final String WRITES_HELD = "SELECT t.name, p.priv"
            + " FROM unnest(?::text[]) WITH ORDINALITY AS t(name, n)"
            + " CROSS JOIN (VALUES (1, 'INSERT'), (2, 'UPDATE'), (3, 'DELETE'), (4, 'TRUNCATE')) AS p(k, priv)"
            + " WHERE CASE WHEN p.priv IN ('INSERT', 'UPDATE') THEN has_any_column_privilege(?, t.name::regclass, p.priv)"
            + " ELSE has_table_privilege(?, t.name::regclass, p.priv) END ORDER BY t.n, p.k";
    private static final String TABLES_MISSING = "SELECT t.name, p.priv"
            + " FROM unnest(?::text[]) WITH ORDINALITY AS t(name, n)"
            + " CROSS JOIN (VALUES (1, 'SELECT'), (2, 'INSERT'), (3, 'UPDATE'), (4, 'DELETE')) AS p(k, priv)"
            + " WHERE NOT has_table_privilege(?, t.name::regclass, p.priv) ORDER BY t.n, p.k";
    private static final String SCHEMAS_MISSING = "SELECT s.name FROM unnest(?::text[]) AS s(name)"
            + " WHERE NOT has_schema_privilege(?, s.name, 'USAGE') ORDER BY s.name";
    private static final String SEQUENCES_MISSING = "SELECT s.name, p.priv FROM unnest(?::text[]) AS s(name)"
            + " CROSS JOIN (VALUES ('USAGE'), ('SELECT'), ('UPDATE')) AS p(priv)"
            + " WHERE NOT has_sequence_privilege(?, s.name, p.priv) ORDER BY s.name, p.priv";
    /** Identity and serial sequences: owned by a column of the table (deptype 'i' identity, 'a' serial). */
    private static final String SEQUENCES = "SELECT DISTINCT n.nspname, s.relname"
            + " FROM unnest(?::text[]) AS t(name)"
            + " JOIN pg_depend d ON d.refobjid = t.name::regclass AND d.refclassid = 'pg_class'::regclass"
            + "  AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
            + " JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'"
            + " JOIN pg_namespace n ON n.oid = s.relnamespace ORDER BY 1, 2";
    private static final String ROLE = "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ?";
    private static final String POWERFUL_MEMBERSHIPS = "SELECT r.rolname, r.rolsuper FROM pg_roles r"
            + " WHERE (r.rolsuper OR r.rolbypassrls) AND r.rolname <> ? AND pg_has_role(?, r.oid, 'MEMBER')"
            + " ORDER BY r.rolname";
    private static final String OWNED = "SELECT t.name, c.relowner::regrole::text FROM unnest(?::text[]) AS t(name)"
            + " JOIN pg_class c ON c.oid = t.name::regclass WHERE pg_has_role(?, c.relowner, 'MEMBER') ORDER BY t.name";

    private final List<String> roles;
    private final List<TargetTableName> tables;

    /**
     * @param roles the application's roles ({@code cutover.target-app-roles}), as PostgreSQL spells them
     * @param tables every replicated table
     */
    public TargetGate(List<String> roles, List<TargetTableName> tables) {
        this.roles = List.copyOf(roles);
        this.tables = List.copyOf(tables);
        for (String role : this.roles) {
            Objects.requireNonNull(role, "role");
            if (role.isEmpty() || role.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("not a role name: '" + role.replaceAll("\\p{Cntrl}", "?") + "'");
            }
        }
    }

    /**
     * Why grants cannot fence these roles, one sentence each; empty when they can. Checked again by {@link #close}
     * and {@link #open}, which refuse to act on such roles.
     */
    public List<String> refusals(Connection connection) throws SQLException {
        List<String> reasons = new ArrayList<>();
        for (String role : roles) {
            try (PreparedStatement statement = connection.prepareStatement(ROLE)) {
                statement.setString(1, role);
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        reasons.add("role \"" + role + "\" does not exist on the target; create it or correct"
                                + " cutover.target-app-roles");
                        continue;
                    }
                    if (rs.getBoolean(1)) {
                        // A superuser also passes every membership and ownership test below; one reason says it all.
                        reasons.add("role \"" + role + "\" is a superuser, which no REVOKE can stop (PostgreSQL has no"
                                + " super_read_only); give the application an ordinary role");
                        continue;
                    }
                    if (rs.getBoolean(2)) {
                        reasons.add("role \"" + role + "\" has BYPASSRLS; give the application a role without it");
                    }
                }
            }
            powerfulMemberships(connection, role, reasons);
            ownedTables(connection, role, reasons);
        }
        return reasons;
    }

    /**
     * Revokes the roles' DML on the replicated tables and their sequences, in one transaction, then returns what
     * they can still write ({@link #writesHeld}): empty means fenced. A non-empty answer means the right comes
     * from elsewhere (a role they belong to, or {@code PUBLIC}) and must be revoked there.
     *
     * @throws GateRefusedException when {@link #refusals} is not empty; nothing was changed
     */
    public List<String> close(Connection connection) throws SQLException {
        requireFenceable(connection);
        InTransaction.run(connection, c -> {
            revokeIn(c);
            return null;
        });
        return writesHeld(connection);
    }

    /**
     * The REVOKE statements of {@link #close} in the caller's transaction, which the caller commits; checks the
     * roles first like {@link #close}. Check {@link #writesHeld} after the commit.
     */
    public void closeIn(Connection transaction) throws SQLException {
        requireFenceable(transaction);
        revokeIn(transaction);
    }

    /**
     * What the roles may write on the replicated tables right now, directly or through membership or
     * {@code PUBLIC}, as {@code role may PRIVILEGE on schema.table}; empty when the gate is closed.
     */
    public List<String> writesHeld(Connection connection) throws SQLException {
        List<String> held = new ArrayList<>();
        if (tables.isEmpty()) {
            return held;
        }
        for (String role : roles) {
            try (PreparedStatement statement = connection.prepareStatement(WRITES_HELD)) {
                statement.setArray(1, tableArray(connection));
                statement.setString(2, role);
                statement.setString(3, role);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        held.add("\"" + role + "\" may " + rs.getString(2) + " on " + rs.getString(1));
                    }
                }
            }
        }
        return held;
    }

    public boolean isClosed(Connection connection) throws SQLException {
        return writesHeld(connection).isEmpty();
    }

    /**
     * Grants the roles {@code USAGE} on the tables' schemas, {@code SELECT, INSERT, UPDATE, DELETE} on every
     * replicated table and {@code USAGE, SELECT, UPDATE} on their identity and serial sequences, in one transaction:
     * the application gets all of it or none.
     *
     * @throws GateRefusedException when {@link #refusals} is not empty; nothing was changed
     */
    public void open(Connection connection) throws SQLException {
        requireFenceable(connection);
        InTransaction.run(connection, c -> {
            grantIn(c);
            return null;
        });
    }

    /**
     * The GRANT statements of {@link #open} in the caller's transaction, so that the grants commit together with
     * whatever else the caller writes there (the cutover's COMMITTED record): either both or neither. Checks the
     * roles first like {@link #open}.
     */
    public void openIn(Connection transaction) throws SQLException {
        requireFenceable(transaction);
        grantIn(transaction);
    }

    /** What {@link #open} grants that a role lacks now, as {@code role lacks PRIVILEGE on object}; empty when open. */
    public List<String> missingForOpen(Connection connection) throws SQLException {
        List<String> missing = new ArrayList<>();
        if (tables.isEmpty()) {
            return missing;
        }
        List<String> sequences = sequences(connection);
        for (String role : roles) {
            collect(connection, SCHEMAS_MISSING, connection.createArrayOf("text", schemas().toArray()), role,
                    rs -> "\"" + role + "\" lacks USAGE on schema " + rs.getString(1), missing);
            collect(connection, TABLES_MISSING, tableArray(connection), role,
                    rs -> "\"" + role + "\" lacks " + rs.getString(2) + " on " + rs.getString(1), missing);
            if (!sequences.isEmpty()) {
                collect(connection, SEQUENCES_MISSING, connection.createArrayOf("text", sequences.toArray()), role,
                        rs -> "\"" + role + "\" lacks " + rs.getString(2) + " on sequence " + rs.getString(1), missing);
            }
        }
        return missing;
    }

    public boolean isOpen(Connection connection) throws SQLException {
        return missingForOpen(connection).isEmpty();
    }

    private void revokeIn(Connection connection) throws SQLException {
        if (roles.isEmpty() || tables.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON TABLE " + tableList() + " FROM " + roleList());
            List<String> sequences = sequences(connection);
            if (!sequences.isEmpty()) {
                statement.execute("REVOKE USAGE, UPDATE ON SEQUENCE " + String.join(", ", sequences)
                        + " FROM " + roleList());
            }
        }
    }

    private void grantIn(Connection connection) throws SQLException {
        if (roles.isEmpty() || tables.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("GRANT USAGE ON SCHEMA " + SqlIdentifiers.quotedList(schemas()) + " TO " + roleList());
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE " + tableList() + " TO " + roleList());
            List<String> sequences = sequences(connection);
            if (!sequences.isEmpty()) {
                statement.execute("GRANT USAGE, SELECT, UPDATE ON SEQUENCE " + String.join(", ", sequences)
                        + " TO " + roleList());
            }
        }
    }

    private void requireFenceable(Connection connection) throws SQLException {
        List<String> reasons = refusals(connection);
        if (!reasons.isEmpty()) {
            throw new GateRefusedException(reasons);
        }
    }

    private void powerfulMemberships(Connection connection, String role, List<String> reasons) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(POWERFUL_MEMBERSHIPS)) {
            statement.setString(1, role);
            statement.setString(2, role);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    reasons.add("role \"" + role + "\" is a member of \"" + rs.getString(1) + "\", which is "
                            + (rs.getBoolean(2) ? "a superuser" : "BYPASSRLS") + "; revoke that membership");
                }
            }
        }
    }

    private void ownedTables(Connection connection, String role, List<String> reasons) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(OWNED)) {
            statement.setArray(1, tableArray(connection));
            statement.setString(2, role);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String owner = rs.getString(2);
                    String how = owner.equals(SqlIdentifiers.quote(role)) || owner.equals(role)
                            ? " owns " + rs.getString(1) : " is a member of " + owner + ", the owner of " + rs.getString(1);
                    reasons.add("role \"" + role + "\"" + how
                            + "; owners may always write, so the application needs a role of its own");
                }
            }
        }
    }

    @FunctionalInterface
    private interface RowText {
        String of(ResultSet rs) throws SQLException;
    }

    private static void collect(Connection connection, String sql, Array names, String role, RowText text,
                                List<String> into) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, names);
            statement.setString(2, role);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    into.add(text.of(rs));
                }
            }
        }
    }

    /** The quoted names of the tables' identity and serial sequences. */
    private List<String> sequences(Connection connection) throws SQLException {
        List<String> sequences = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SEQUENCES)) {
            statement.setArray(1, tableArray(connection));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    sequences.add(SqlIdentifiers.qualified(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return sequences;
    }

    private Array tableArray(Connection connection) throws SQLException {
        return connection.createArrayOf("text", tables.stream().map(TargetTableName::sql).toArray());
    }

    private Set<String> schemas() {
        Set<String> schemas = new LinkedHashSet<>();
        tables.forEach(t -> schemas.add(t.schema()));
        return schemas;
    }

    private String tableList() {
        return String.join(", ", tables.stream().map(TargetTableName::sql).toList());
    }

    private String roleList() {
        return SqlIdentifiers.quotedList(roles);
    }
}
