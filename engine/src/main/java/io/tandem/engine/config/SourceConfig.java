package io.tandem.engine.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The MySQL/MariaDB server tandem reads the binlog from ({@code source:}).
 *
 * @param controlDatabase where tandem keeps its heartbeat and fence tables on the source; never a replicated one
 */
public record SourceConfig(String host, int port, String user, Optional<Secret> password, Flavor flavor,
                           List<String> databases, TableFilter tables, long serverId, SslMode sslMode,
                           String controlDatabase) {

    public enum Flavor implements ConfigEnum { AUTO, MYSQL, MARIADB }

    /** {@code trust} encrypts without verifying the server certificate. */
    public enum SslMode implements ConfigEnum { DISABLE, TRUST, VERIFY_CA, VERIFY_FULL }

    public SourceConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(flavor, "flavor");
        databases = List.copyOf(databases);
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(sslMode, "sslMode");
        Objects.requireNonNull(controlDatabase, "controlDatabase");
    }

    /** The default server id: stable for an instance name, and different names rarely collide. */
    static long defaultServerId(String instanceName) {
        // String.hashCode is specified by the JLS, so the id survives restarts and JVM upgrades.
        return 5400 + Math.floorMod(instanceName.hashCode(), 1000);
    }

    static SourceConfig read(Values v, String instanceName) {
        List<String> databases = v.get(Options.SOURCE_DATABASES);
        if (databases != null) {
            checkDatabases(v, databases);
        }
        List<TablePattern> include = v.optional(Options.SOURCE_TABLES_INCLUDE).orElse(List.of());
        List<TablePattern> exclude = v.get(Options.SOURCE_TABLES_EXCLUDE);
        if (databases != null && !databases.isEmpty()) {
            checkPatterns(v, Options.SOURCE_TABLES_INCLUDE, include, databases);
            checkPatterns(v, Options.SOURCE_TABLES_EXCLUDE, exclude, databases);
        }
        Long serverId = v.optional(Options.SOURCE_SERVER_ID)
                .orElse(instanceName == null ? null : defaultServerId(instanceName));
        String host = v.get(Options.SOURCE_HOST);
        Integer port = v.get(Options.SOURCE_PORT);
        String user = v.get(Options.SOURCE_USER);
        Optional<Secret> password = v.optional(Options.SOURCE_PASSWORD);
        Flavor flavor = v.get(Options.SOURCE_FLAVOR);
        SslMode sslMode = v.get(Options.SOURCE_SSL_MODE);
        String controlDatabase = v.get(Options.SOURCE_CONTROL_DATABASE);
        if (controlDatabase != null && databases != null && databases.contains(controlDatabase)) {
            v.problem(Options.SOURCE_CONTROL_DATABASE, "is " + controlDatabase + ", which source.databases "
                    + "replicates; tandem's own tables must live apart: choose another database, e.g. tandem_control");
        }
        if (v.hasProblems()) {
            return null;
        }
        return new SourceConfig(host, port, user, password, flavor, databases,
                new TableFilter(databases, include, exclude == null ? List.of() : exclude), serverId, sslMode, controlDatabase);
    }

    private static void checkDatabases(Values v, List<String> databases) {
        if (databases.isEmpty()) {
            v.problem(Options.SOURCE_DATABASES, "must list at least one database, e.g. [shop]");
        }
        Set<String> seen = new HashSet<>();
        for (String db : databases) {
            if (!seen.add(db)) {
                v.problem(Options.SOURCE_DATABASES, "lists " + db + " twice; remove the duplicate");
            }
        }
    }

    /** A pattern whose database half matches no listed database selects nothing, which is surely a typo. */
    private static void checkPatterns(Values v, Option<List<TablePattern>> option, List<TablePattern> patterns,
                                      List<String> databases) {
        if (patterns == null) {
            return;
        }
        for (int i = 0; i < patterns.size(); i++) {
            TablePattern pattern = patterns.get(i);
            if (databases.stream().noneMatch(pattern::coversDatabase)) {
                v.problem(option.path() + "[" + i + "]", pattern + " matches no database in source.databases "
                        + databases + "; add the database there or fix the pattern");
            }
        }
    }
}
