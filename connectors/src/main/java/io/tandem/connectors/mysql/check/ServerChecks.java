package io.tandem.connectors.mysql.check;

import io.tandem.connectors.mysql.jdbc.Flavor;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Preflight checks on a source: the binlog settings change data capture depends on (a wrong one silently loses
 * changes, so each refuses rather than warns), the privileges of the account tandem logs in with, and column
 * types the binlog reader cannot parse. Binlog retention is reported for the operator but never fails.
 */
public final class ServerChecks {

    private static final List<String> VARIABLES = List.of(
            "log_bin", "binlog_format", "binlog_row_image", "binlog_row_value_options", "binlog_legacy_event_pos",
            "log_bin_compress", "binlog_expire_logs_seconds", "expire_logs_days");

    private final ServerInfo server;
    private final List<String> databases;
    private final String controlDatabase;

    /** @param databases the databases tandem replicates; the account needs SELECT on each */
    public ServerChecks(ServerInfo server, Collection<String> databases) {
        this(server, databases, null);
    }

    private ServerChecks(ServerInfo server, Collection<String> databases, String controlDatabase) {
        this.server = server;
        this.databases = List.copyOf(databases);
        this.controlDatabase = controlDatabase;
    }

    /** The same checks, plus the grants tandem's heartbeat and fence tables need on {@code controlDatabase}. */
    public ServerChecks withControlDatabase(String controlDatabase) {
        return new ServerChecks(server, databases, controlDatabase);
    }

    /** Runs every check on {@code connection} (logged in as the engine's account) and returns all results. */
    public List<CheckResult> run(Connection connection) throws SQLException {
        List<CheckResult> results = new ArrayList<>();
        results.add(CheckResult.pass("server", server.toString()));
        results.addAll(BinlogSettings.check(server, variables(connection)));
        results.addAll(new PrivilegeCheck(server, databases, controlDatabase)
                .check(grants(connection), currentUser(connection)));
        results.add(UnparsableColumnTypes.check(server, connection, databases));
        return results;
    }

    /** Runs every check and throws one exception listing all failures, if any. */
    public List<CheckResult> requirePassing(Connection connection) throws SQLException {
        List<CheckResult> results = run(connection);
        requirePassing(results);
        return results;
    }

    public static void requirePassing(List<CheckResult> results) {
        List<CheckResult> failures = results.stream().filter(r -> !r.ok()).toList();
        if (!failures.isEmpty()) {
            throw new ServerCheckException(failures);
        }
    }

    private static Map<String, String> variables(Connection connection) throws SQLException {
        String names = String.join("','", VARIABLES);
        Map<String, String> values = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN ('" + names + "')")) {
            while (rs.next()) {
                values.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            }
        }
        return values;
    }

    /**
     * The account's grants including those of its active roles: MariaDB's SHOW GRANTS already lists the current
     * role's grants; MySQL's lists only that roles are granted, so it is asked again {@code USING} the active ones.
     */
    private List<String> grants(Connection connection) throws SQLException {
        List<String> lines = lines(connection, "SHOW GRANTS");
        if (server.flavor() == Flavor.MYSQL && !Grants.parse(lines).roles().isEmpty()) {
            String active = single(connection, "SELECT CURRENT_ROLE()");
            if (active != null && !active.equalsIgnoreCase("NONE") && !active.isBlank()) {
                lines = lines(connection, "SHOW GRANTS FOR CURRENT_USER() USING " + active);
            }
        }
        return lines;
    }

    private static String currentUser(Connection connection) throws SQLException {
        return single(connection, "SELECT CURRENT_USER()");
    }

    private static List<String> lines(Connection connection, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
