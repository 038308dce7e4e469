package io.tandem.testkit;

import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Test-only, deliberately naive copy of a source database into schema {@code database} of a
 * PostgreSQL database, following tandem's type mapping. Values travel as MySQL text and are cast by
 * PostgreSQL, a path independent of the comparator's value reading.
 */
public final class PostgresCopy {

    private static final int BATCH = 500;

    private PostgresCopy() {
    }

    private record SourceColumn(String name, String dataType, String columnType) {

        boolean unsigned() {
            return columnType.toLowerCase(Locale.ROOT).contains("unsigned");
        }

        String postgresType() {
            switch (dataType.toLowerCase(Locale.ROOT)) {
                case "tinyint": return "smallint";
                case "smallint": return unsigned() ? "integer" : "smallint";
                case "mediumint": return "integer";
                case "int": return unsigned() ? "bigint" : "integer";
                case "bigint": return unsigned() ? "numeric(20,0)" : "bigint";
                case "decimal": return "numeric";
                case "float": return "real";
                case "double": return "double precision";
                case "bit": return "bit(1)".equals(columnType) ? "boolean" : columnType;
                case "date": return "date";
                case "datetime": return "timestamp";
                case "timestamp": return "timestamptz";
                case "time": return "interval";
                case "year": return "smallint";
                case "json": return "jsonb";
                case "binary": case "varbinary": case "tinyblob": case "blob": case "mediumblob": case "longblob":
                case "geometry": case "point": case "linestring": case "polygon":
                    return "bytea";
                default: return "text";
            }
        }

        boolean binary() {
            return "bytea".equals(postgresType());
        }

        String sourceExpression() {
            String quoted = "`" + name + "`";
            return switch (dataType.toLowerCase(Locale.ROOT)) {
                case "bit" -> "CAST(" + quoted + " AS UNSIGNED)";
                case "float" -> "(" + quoted + " + 0e0)";
                default -> quoted;
            };
        }

        String parameter() {
            if (binary()) {
                return "?";
            }
            return "boolean".equals(postgresType()) ? "(?::int)::boolean"
                    : postgresType().startsWith("bit(") ? "(?::bigint)::" + postgresType()
                    : "?::" + postgresType();
        }
    }

    /** Copies every base table of {@code database} into schema {@code database} of {@code targetDatabase}. */
    public static void copy(SourceServer source, String database, TargetServer target, String targetDatabase) throws SQLException {
        try (Connection from = source.connect(database); Connection to = target.connect(targetDatabase)) {
            try (Statement statement = from.createStatement()) {
                statement.execute("SET SESSION time_zone = '+00:00'");
            }
            try (Statement statement = to.createStatement()) {
                statement.execute("SET TIME ZONE 'UTC'");
                statement.execute("CREATE SCHEMA \"" + database + "\"");
            }
            to.setAutoCommit(false);
            for (String table : tables(from, database)) {
                copyTable(from, to, database, table);
            }
            to.commit();
        }
    }

    private static void copyTable(Connection from, Connection to, String database, String table) throws SQLException {
        List<SourceColumn> columns = columns(from, database, table);
        List<String> key = primaryKey(from, database, table);
        String qualified = "\"" + database + "\".\"" + table + "\"";
        try (Statement statement = to.createStatement()) {
            statement.execute("CREATE TABLE " + qualified + " (" + columns.stream()
                    .map(column -> "\"" + column.name() + "\" " + column.postgresType()).collect(Collectors.joining(", "))
                    + (key.isEmpty() ? "" : ", PRIMARY KEY (" + key.stream().map(name -> "\"" + name + "\"")
                    .collect(Collectors.joining(", ")) + ")") + ")");
        }
        String select = "SELECT " + columns.stream().map(SourceColumn::sourceExpression).collect(Collectors.joining(", "))
                + " FROM `" + table + "`";
        String insert = "INSERT INTO " + qualified + " VALUES (" + columns.stream().map(SourceColumn::parameter)
                .collect(Collectors.joining(", ")) + ")";
        try (Statement query = from.createStatement(); ResultSet rows = query.executeQuery(select);
             PreparedStatement write = to.prepareStatement(insert)) {
            int pending = 0;
            while (rows.next()) {
                for (int i = 0; i < columns.size(); i++) {
                    if (columns.get(i).binary()) {
                        write.setBytes(i + 1, rows.getBytes(i + 1));
                    } else {
                        write.setString(i + 1, rows.getString(i + 1));
                    }
                }
                write.addBatch();
                if (++pending == BATCH) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            write.executeBatch();
        }
    }

    private static List<String> tables(Connection from, String database) throws SQLException {
        return strings(from, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'",
                database, null);
    }

    private static List<String> primaryKey(Connection from, String database, String table) throws SQLException {
        return strings(from, "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION", database, table);
    }

    /** MariaDB's JSON is LONGTEXT with a json_valid check; this finds those columns. */
    private static List<String> mariaDbJsonColumns(Connection from, String database, String table) throws SQLException {
        return strings(from, "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?"
                + " AND TABLE_NAME = ?", database, table).stream()
                .filter(clause -> clause.toLowerCase(Locale.ROOT).startsWith("json_valid("))
                .map(clause -> clause.substring("json_valid(".length(), clause.length() - 1).replace("`", ""))
                .toList();
    }

    private static List<SourceColumn> columns(Connection from, String database, String table) throws SQLException {
        List<String> json = mariaDbJsonColumns(from, database, table);
        List<SourceColumn> columns = new ArrayList<>();
        try (PreparedStatement query = from.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            query.setString(1, database);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    columns.add(new SourceColumn(name, json.contains(name) ? "json" : rows.getString(2), rows.getString(3)));
                }
            }
        }
        return columns;
    }

    private static List<String> strings(Connection connection, String sql, String first, String second) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, first);
            if (second != null) {
                query.setString(2, second);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
