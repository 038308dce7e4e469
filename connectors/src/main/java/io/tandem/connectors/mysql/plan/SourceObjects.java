package io.tandem.connectors.mysql.plan;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.connectors.mysql.plan.MigrationPlan.ForeignKey;
import io.tandem.connectors.mysql.plan.MigrationPlan.SourceObject;
import io.tandem.engine.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads, from {@code information_schema}, the source objects around the tables that tandem does not replicate:
 * views, triggers, routines, events, foreign keys, and every base table's storage engine. One query per kind
 * over all databases (plus SHOW CREATE TABLE per table with foreign keys). The server shows only what the
 * account may see: triggers need the TRIGGER privilege.
 */
final class SourceObjects {

    private final Connection connection;
    private final List<String> databases;

    SourceObjects(Connection connection, Collection<String> databases) {
        this.connection = connection;
        this.databases = List.copyOf(databases);
    }

    /** Every base table of the databases with its engine, in name order. */
    Map<TableId, String> engines() throws SQLException {
        Map<TableId, String> engines = new LinkedHashMap<>();
        query("SELECT TABLE_SCHEMA, TABLE_NAME, ENGINE FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
                + " AND TABLE_SCHEMA IN (%s) ORDER BY TABLE_SCHEMA, TABLE_NAME",
                rs -> engines.put(new TableId(rs.getString(1), rs.getString(2)), rs.getString(3)));
        return engines;
    }

    List<SourceObject> views() throws SQLException {
        return objects("SELECT TABLE_SCHEMA, TABLE_NAME, '' FROM information_schema.TABLES"
                + " WHERE TABLE_TYPE = 'VIEW' AND TABLE_SCHEMA IN (%s) ORDER BY TABLE_SCHEMA, TABLE_NAME");
    }

    List<SourceObject> triggers() throws SQLException {
        return objects("SELECT TRIGGER_SCHEMA, TRIGGER_NAME,"
                + " CONCAT(ACTION_TIMING, ' ', EVENT_MANIPULATION, ' ON ', EVENT_OBJECT_TABLE)"
                + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN (%s) ORDER BY TRIGGER_SCHEMA, TRIGGER_NAME");
    }

    List<SourceObject> routines() throws SQLException {
        return objects("SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES"
                + " WHERE ROUTINE_SCHEMA IN (%s) ORDER BY ROUTINE_SCHEMA, ROUTINE_NAME");
    }

    List<SourceObject> events() throws SQLException {
        return objects("SELECT EVENT_SCHEMA, EVENT_NAME, STATUS FROM information_schema.EVENTS"
                + " WHERE EVENT_SCHEMA IN (%s) ORDER BY EVENT_SCHEMA, EVENT_NAME");
    }

    /**
     * Foreign keys declared on tables that {@code include} accepts, with their referential actions. The actions
     * come from SHOW CREATE TABLE, not REFERENTIAL_CONSTRAINTS: MariaDB shows that view's rows only to accounts
     * with more than SELECT on the table, and the plan runs with the engine's read-only account.
     */
    List<ForeignKey> foreignKeys(BiPredicate<String, String> include) throws SQLException {
        Map<List<String>, ForeignKeyBuilder> keys = new LinkedHashMap<>();
        query("SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME,"
                + " REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME"
                + " FROM information_schema.KEY_COLUMN_USAGE"
                + " WHERE REFERENCED_TABLE_NAME IS NOT NULL AND CONSTRAINT_SCHEMA IN (%s)"
                + " ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION",
                rs -> {
                    String database = rs.getString(1);
                    String table = rs.getString(2);
                    if (include.test(database, table)) {
                        keys.computeIfAbsent(List.of(database, table, rs.getString(3)), ForeignKeyBuilder::new)
                                .add(rs);
                    }
                });
        Map<TableId, String> definitions = new LinkedHashMap<>();
        List<ForeignKey> result = new ArrayList<>();
        for (ForeignKeyBuilder key : keys.values()) {
            TableId table = new TableId(key.id.get(0), key.id.get(1));
            if (!definitions.containsKey(table)) {
                definitions.put(table, showCreateTable(table));
            }
            result.add(key.build(definitions.get(table)));
        }
        return result;
    }

    private String showCreateTable(TableId table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + MySqlNames.quote(table))) {
            return rs.next() ? rs.getString(2) : "";
        }
    }

    private List<SourceObject> objects(String sql) throws SQLException {
        List<SourceObject> objects = new ArrayList<>();
        query(sql, rs -> objects.add(new SourceObject(rs.getString(1), rs.getString(2),
                rs.getString(3) == null ? "" : rs.getString(3))));
        return objects;
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sqlWithDatabases}, whose {@code %s} becomes one placeholder per database. */
    private void query(String sqlWithDatabases, RowHandler handler) throws SQLException {
        if (databases.isEmpty()) {
            return;
        }
        String sql = sqlWithDatabases.formatted(String.join(",", Collections.nCopies(databases.size(), "?")));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < databases.size(); i++) {
                statement.setString(i + 1, databases.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }

    private static final class ForeignKeyBuilder {
        private final List<String> id;
        private String referencedDatabase;
        private String referencedTable;
        private final List<String> columns = new ArrayList<>();
        private final List<String> referencedColumns = new ArrayList<>();

        ForeignKeyBuilder(List<String> id) {
            this.id = id;
        }

        /** One row per key column; the referenced table and the actions repeat on each. */
        void add(ResultSet rs) throws SQLException {
            referencedDatabase = rs.getString(5);
            referencedTable = rs.getString(6);
            columns.add(rs.getString(4));
            referencedColumns.add(rs.getString(7));
        }

        /** The server leaves out an action that is the default, RESTRICT (which InnoDB treats as NO ACTION). */
        ForeignKey build(String createTable) {
            String clause = "";
            for (String line : createTable.split("\n")) {
                if (line.trim().startsWith("CONSTRAINT " + MySqlNames.quote(id.get(2)) + " FOREIGN KEY")) {
                    clause = line;
                }
            }
            return new ForeignKey(id.get(0), id.get(1), id.get(2), columns, referencedDatabase, referencedTable,
                    referencedColumns, action(clause, "ON UPDATE"), action(clause, "ON DELETE"));
        }

        private static String action(String clause, String which) {
            Matcher m = Pattern.compile(which + " (RESTRICT|CASCADE|SET NULL|NO ACTION|SET DEFAULT)").matcher(clause);
            return m.find() ? m.group(1) : "RESTRICT";
        }
    }
}
