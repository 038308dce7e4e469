package io.tandem.testkit.compare;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each source object lives on the target, read from the target's own record of it (tandem's
 * {@code tandem.identifiers} view), so a comparison checks the rows against the names tandem says it gave rather
 * than against a second implementation of the naming rules. Without that view (a target tandem did not write)
 * every name is taken as is.
 */
final class TargetNaming {

    private static final String VIEW_EXISTS = "SELECT to_regclass('tandem.identifiers') IS NOT NULL";
    private static final String MAPPINGS = "SELECT kind, source_database, source_table, source_name, target_name"
            + " FROM tandem.identifiers";

    private final Map<List<String>, String> targets;
    private final Map<List<String>, String> sources;

    private TargetNaming(Map<List<String>, String> targets, Map<List<String>, String> sources) {
        this.targets = targets;
        this.sources = sources;
    }

    static TargetNaming read(Connection target) throws SQLException {
        Map<List<String>, String> targets = new HashMap<>();
        Map<List<String>, String> sources = new HashMap<>();
        try (PreparedStatement exists = target.prepareStatement(VIEW_EXISTS); ResultSet found = exists.executeQuery()) {
            found.next();
            if (!found.getBoolean(1)) {
                return new TargetNaming(targets, sources);
            }
        }
        try (PreparedStatement query = target.prepareStatement(MAPPINGS); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String kind = rows.getString(1);
                String database = rows.getString(2);
                String table = rows.getString(3);
                String source = rows.getString(4);
                String name = rows.getString(5);
                switch (kind) {
                    case "schema" -> targets.put(List.of(kind, database), name);
                    case "table" -> {
                        targets.put(List.of(kind, database, table), name);
                        sources.put(List.of(kind, database, name), table);
                    }
                    case "column" -> targets.put(List.of(kind, database, table, source), name);
                    default -> {
                        // indexes hold no rows
                    }
                }
            }
        }
        return new TargetNaming(targets, sources);
    }

    String schema(String database) {
        return targets.getOrDefault(List.of("schema", database), database);
    }

    String table(String database, String table) {
        return targets.getOrDefault(List.of("table", database, table), table);
    }

    String column(String database, String table, String column) {
        return targets.getOrDefault(List.of("column", database, table, column), column);
    }

    /** The source table a target table of the database's schema replicates; its own name when none is recorded. */
    String sourceTable(String database, String targetTable) {
        return sources.getOrDefault(List.of("table", database, targetTable), targetTable);
    }
}
