package io.tandem.sink.mysql.sql;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceIndex;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import io.tandem.sink.mysql.values.ColumnValue;
import io.tandem.sink.mysql.values.MySqlValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * The row statements of one MySQL table, rendered once per table definition: the parts are built here, and the
 * text of a statement for {@code n} rows is built on first use and kept, so a table's flushes reuse at most a few
 * texts (a full chunk and the remainders).
 *
 * <p>Written columns are the change's {@code replicated} columns that are not generated on MySQL (MySQL refuses a
 * value for a generated column). Identifiers are quoted with backticks ({@link MySqlNames}); values are always
 * parameters, each inside its column's {@link ColumnValue#placeholder()}.
 *
 * <p>The upsert is {@code INSERT … ON DUPLICATE KEY UPDATE}, which fires on <em>any</em> unique key, compared in
 * the key's collation. Where that could merge a row into another one (the table has a unique key besides the
 * primary key, or a text column in its primary key, whose collation may ignore case or trailing spaces),
 * {@link #landedCheck(int)} reads the written keys back, so the writer can tell that every row landed on its own
 * primary key.
 */
public final class MySqlTableSql {

    /** MySQL's limit on the placeholders of one prepared statement. */
    public static final int MAX_PLACEHOLDERS = 65_535;
    /** Rows per statement at most, so that one statement stays well below {@code max_allowed_packet}. */
    public static final int MAX_ROWS = 1_000;
    /** The alias of the new row in MySQL's upsert (8.0.19 and later), instead of the deprecated VALUES(). */
    private static final String NEW_ROW = MySqlNames.quote("tandem_new");

    private final TargetTable table;
    private final String displayName;
    private final int[] written;
    private final ColumnValue[] values;
    private final int[] key;
    private final ColumnValue[] keyValues;
    private final List<String> uniqueKeys;
    private final boolean textKey;
    private final String updateOne;
    private final String deleteOne;
    private final String insertHead;
    private final String rowTuple;
    private final String upsertTail;
    private final String keyTuple;
    private final String deleteHead;
    private final String exactKeyTuple;
    private final String landedHead;
    private final String landedMiddle;
    private final Map<Integer, String> texts = new ConcurrentHashMap<>();

    private MySqlTableSql(TargetTable table, SourceTable mysql, ServerInfo server) {
        this.table = table;
        this.displayName = table.source().toString();
        String qualified = MySqlNames.quote(table.source());
        List<Integer> writtenIndexes = new ArrayList<>();
        List<ColumnValue> writtenValues = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            TargetColumn column = table.columns().get(i);
            SourceColumn source = mysqlColumn(mysql, column);
            if (column.replicated() && source.generated() == SourceColumn.Generated.NO) {
                writtenIndexes.add(i);
                writtenValues.add(MySqlValues.of(table.source(), column, source, server));
            }
        }
        if (writtenIndexes.isEmpty()) {
            throw new IllegalArgumentException("table " + displayName + " has no column tandem can write");
        }
        this.written = writtenIndexes.stream().mapToInt(Integer::intValue).toArray();
        this.values = writtenValues.toArray(ColumnValue[]::new);
        this.key = keyIndexes(table, mysql);
        this.keyValues = new ColumnValue[key.length];
        boolean anyTextKey = false;
        for (int k = 0; k < key.length; k++) {
            keyValues[k] = values[positionOf(key[k])];
            anyTextKey |= table.columns().get(key[k]).kind() == ValueKind.TEXT;
        }
        this.textKey = anyTextKey;
        this.uniqueKeys = mysql.indexes().stream().filter(SourceIndex::unique).map(SourceIndex::name).toList();

        StringJoiner columns = new StringJoiner(", ", " (", ")");
        StringJoiner tuple = new StringJoiner(", ", "(", ")");
        StringJoiner sets = new StringJoiner(", ");
        StringJoiner matches = new StringJoiner(" AND ");
        for (ColumnValue value : values) {
            String column = MySqlNames.quote(value.column());
            columns.add(column);
            tuple.add(value.placeholder());
            sets.add(column + " = " + value.placeholder());
            matches.add(value.match());
        }
        this.insertHead = "INSERT INTO " + qualified + columns + " VALUES ";
        this.rowTuple = tuple.toString();
        this.upsertTail = key.length == 0 ? null : upsertTail(server);
        this.updateOne = "UPDATE " + qualified + " SET " + sets + " WHERE " + matches + " LIMIT 1";
        this.deleteOne = "DELETE FROM " + qualified + " WHERE " + matches + " LIMIT 1";
        StringJoiner keyColumns = new StringJoiner(", ", "(", ")");
        StringJoiner keyPlaceholders = new StringJoiner(", ", "(", ")");
        StringJoiner exactColumns = new StringJoiner(", ", "(", ")");
        StringJoiner exactPlaceholders = new StringJoiner(", ", "(", ")");
        for (ColumnValue value : keyValues) {
            keyColumns.add(MySqlNames.quote(value.column()));
            keyPlaceholders.add(value.placeholder());
            exactColumns.add(value.compared());
            exactPlaceholders.add(value.comparedPlaceholder());
        }
        this.keyTuple = keyPlaceholders.toString();
        this.exactKeyTuple = exactPlaceholders.toString();
        this.deleteHead = "DELETE FROM " + qualified + " WHERE " + keyColumns + " IN (";
        // Found through the key index first (the collation's matches), then compared exactly.
        this.landedHead = "SELECT COUNT(*) FROM " + qualified + " WHERE " + keyColumns + " IN (";
        this.landedMiddle = ") AND " + exactColumns + " IN (";
    }

    /**
     * @param table the definition the change rows are aligned with
     * @param mysql the same table as the MySQL server defines it now (its real column types)
     */
    public static MySqlTableSql of(TargetTable table, SourceTable mysql, ServerInfo server) {
        return new MySqlTableSql(table, mysql, server);
    }

    public TargetTable table() {
        return table;
    }

    /** {@code db.table}, the MySQL table, for messages. */
    public String displayName() {
        return displayName;
    }

    /** Indexes into {@code table.columns()} (and into change rows) of the written columns, in statement order. */
    public int[] written() {
        return written.clone();
    }

    /** How each written column's values are bound, aligned with {@link #written()}. */
    public ColumnValue value(int writtenPosition) {
        return values[writtenPosition];
    }

    public int columnCount() {
        return written.length;
    }

    /** Indexes into {@code table.columns()} of the primary key, in key order; empty for a table without one. */
    public int[] key() {
        return key.clone();
    }

    public ColumnValue keyValue(int keyPosition) {
        return keyValues[keyPosition];
    }

    public boolean hasKey() {
        return key.length > 0;
    }

    /** Rows one multi-row statement takes at most, within {@link #MAX_ROWS} and {@link #MAX_PLACEHOLDERS}. */
    public int rowsPerStatement() {
        return Math.max(1, Math.min(MAX_ROWS, MAX_PLACEHOLDERS / written.length));
    }

    /** Keys one delete takes at most. */
    public int keysPerStatement() {
        return Math.max(1, Math.min(MAX_ROWS, MAX_PLACEHOLDERS / Math.max(1, key.length)));
    }

    /**
     * Whether an upsert could land on another row than its own primary key: a unique key besides the primary key,
     * or a text key column (whose collation may be case-insensitive or ignore trailing spaces).
     */
    public boolean upsertMayMerge() {
        return !uniqueKeys.isEmpty() || textKey;
    }

    /** The table's unique keys besides the primary key, by name, for messages. */
    public List<String> uniqueKeys() {
        return uniqueKeys;
    }

    public String insert(int rows) {
        return cached(3, rows, n -> repeat(insertHead, rowTuple, n, ""));
    }

    public String upsert(int rows) {
        requireKey("upsert");
        return cached(4, rows, n -> repeat(insertHead, rowTuple, n, upsertTail));
    }

    public String deleteByKey(int keys) {
        requireKey("delete by key");
        return cached(1, keys, n -> repeat(deleteHead, keyTuple, n, ")"));
    }

    /**
     * A count of the stored rows whose primary key is exactly one of {@code keys} keys (text compared as utf8mb4
     * bytes, not by collation); takes the keys twice, in the same order.
     */
    public String landedCheck(int keys) {
        requireKey("landed check");
        return cached(2, keys, n -> repeat(landedHead, keyTuple, n, "") + repeat(landedMiddle, exactKeyTuple, n, ")"));
    }

    public String updateOne() {
        return updateOne;
    }

    public String deleteOne() {
        return deleteOne;
    }

    /** Texts of other statements share the cache under a disjoint range of numbers. */
    private String cached(int kind, int count, IntFunction<String> render) {
        return texts.computeIfAbsent(kind * 1_000_000 + count, ignored -> render.apply(count));
    }

    /**
     * MariaDB (and MySQL before 8.0.19): {@code c = VALUES(c)}. MySQL 8.0.19 and later: a row alias, because
     * VALUES() is deprecated from 8.0.20. Every non-key column is set; a table of key columns only sets its first
     * key column to itself, a no-op that keeps the statement an upsert.
     */
    private String upsertTail(ServerInfo server) {
        boolean rowAlias = !server.isMariaDb() && (server.atLeast(8, 1)
                || server.major() == 8 && server.minor() == 0 && server.patch() >= 19);
        Set<Integer> keyColumns = new HashSet<>();
        for (int k : key) {
            keyColumns.add(k);
        }
        StringJoiner sets = new StringJoiner(", ");
        for (int i = 0; i < written.length; i++) {
            if (!keyColumns.contains(written[i])) {
                String column = MySqlNames.quote(values[i].column());
                sets.add(column + " = " + (rowAlias ? NEW_ROW + "." + column : "VALUES(" + column + ")"));
            }
        }
        if (sets.length() == 0) {
            String first = MySqlNames.quote(keyValues[0].column());
            sets.add(first + " = " + first);
        }
        return (rowAlias ? " AS " + NEW_ROW : "") + " ON DUPLICATE KEY UPDATE " + sets;
    }

    private int positionOf(int columnIndex) {
        for (int i = 0; i < written.length; i++) {
            if (written[i] == columnIndex) {
                return i;
            }
        }
        throw new IllegalArgumentException("table " + displayName + ": primary key column "
                + table.columns().get(columnIndex).sourceName() + " is not written (generated on MySQL?)");
    }

    private void requireKey(String operation) {
        if (key.length == 0) {
            throw new IllegalStateException(operation + " needs a primary key; table " + displayName + " has none");
        }
    }

    private static String repeat(String head, String tuple, int count, String tail) {
        StringBuilder sql = new StringBuilder(head.length() + count * (tuple.length() + 2) + tail.length());
        sql.append(head);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(tuple);
        }
        return sql.append(tail).toString();
    }

    private SourceColumn mysqlColumn(SourceTable mysql, TargetColumn column) {
        int index = mysql.columnIndex(column.sourceName());
        if (index < 0) {
            throw new IllegalArgumentException("MySQL table " + displayName + " has no column " + column.sourceName()
                    + ", which the change rows carry");
        }
        return mysql.columns().get(index);
    }

    /** The target's primary key, which must be MySQL's too: ON DUPLICATE KEY UPDATE and deletes rely on it. */
    private static int[] keyIndexes(TargetTable table, SourceTable mysql) {
        List<String> sourceNames = table.primaryKey().stream()
                .map(name -> table.columns().get(table.columnIndex(name)).sourceName()).toList();
        if (!sourceNames.equals(mysql.primaryKey())) {
            throw new IllegalArgumentException("MySQL table " + table.source() + " has the primary key "
                    + mysql.primaryKey() + " but the change rows are keyed by " + sourceNames);
        }
        return table.primaryKey().stream().mapToInt(table::columnIndex).toArray();
    }
}
