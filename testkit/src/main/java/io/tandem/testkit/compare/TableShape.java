package io.tandem.testkit.compare;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns a table has on both sides and how its rows are ordered for the merge: by the primary
 * key, or, without one, by every orderable column (rows then compare as multisets).
 */
record TableShape(String table, List<Column> columns, List<Integer> orderIndexes, boolean keyed,
                  List<String> missingOnTarget, List<String> extraOnTarget) {

    private static final Pattern BIT_LENGTH = Pattern.compile("bit\\((\\d+)\\)");

    /** @param names where the source table and its columns are on the target */
    static TableShape read(Connection source, Connection target, String schema, String table, TargetNaming names)
            throws SQLException {
        Map<String, String[]> sourceColumns = sourceColumns(source, schema, table);
        Map<String, String> targetTypes = targetColumns(target, names.schema(schema), names.table(schema, table));
        List<Column> columns = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> matched = new HashSet<>();
        for (Map.Entry<String, String[]> entry : sourceColumns.entrySet()) {
            String targetName = names.column(schema, table, entry.getKey());
            String targetType = targetTypes.get(targetName);
            if (targetType == null) {
                missing.add(entry.getKey());
                continue;
            }
            matched.add(targetName);
            String dataType = entry.getValue()[0];
            columns.add(new Column(entry.getKey(), targetName, ValueKind.of(dataType, targetType),
                    bitLength(entry.getValue()[1]), targetType));
        }
        List<String> extra = targetTypes.keySet().stream().filter(name -> !matched.contains(name)).toList();
        List<Integer> keyIndexes = indexesOf(primaryKey(source, schema, table), columns);
        boolean keyed = !keyIndexes.isEmpty();
        List<Integer> order = keyed ? keyIndexes : orderableIndexes(columns);
        return new TableShape(table, List.copyOf(columns), order, keyed, missing, extra);
    }

    /** Names of the ordering columns, for reports. */
    List<String> orderColumnNames() {
        return orderIndexes.stream().map(index -> columns.get(index).name()).toList();
    }

    private static Map<String, String[]> sourceColumns(Connection source, String schema, String table) throws SQLException {
        Map<String, String[]> columns = new LinkedHashMap<>();
        try (PreparedStatement query = source.prepareStatement(
                "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM information_schema.COLUMNS"
                        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1), new String[] {rows.getString(2), rows.getString(3)});
                }
            }
        }
        return columns;
    }

    private static Map<String, String> targetColumns(Connection target, String schema, String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement query = target.prepareStatement(
                "SELECT column_name, udt_name FROM information_schema.columns"
                        + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    types.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return types;
    }

    private static List<String> primaryKey(Connection source, String schema, String table) throws SQLException {
        List<String> key = new ArrayList<>();
        try (PreparedStatement query = source.prepareStatement(
                "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
                        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
        }
        return key;
    }

    /** All key columns' positions, or none when a key column is missing on the target or not orderable. */
    private static List<Integer> indexesOf(List<String> names, List<Column> columns) {
        List<Integer> indexes = new ArrayList<>();
        for (String name : names) {
            int index = indexOf(name, columns);
            if (index < 0 || !columns.get(index).kind().orderable()) {
                return List.of();
            }
            indexes.add(index);
        }
        return indexes;
    }

    private static int indexOf(String name, List<Column> columns) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Integer> orderableIndexes(List<Column> columns) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).kind().orderable()) {
                indexes.add(i);
            }
        }
        return indexes;
    }

    private static int bitLength(String columnType) {
        Matcher bit = BIT_LENGTH.matcher(columnType.toLowerCase(java.util.Locale.ROOT));
        return bit.find() ? Integer.parseInt(bit.group(1)) : 0;
    }
}
