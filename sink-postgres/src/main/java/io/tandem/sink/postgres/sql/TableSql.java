package io.tandem.sink.postgres.sql;

import static io.tandem.sink.postgres.sql.SqlIdentifiers.qualified;
import static io.tandem.sink.postgres.sql.SqlIdentifiers.quote;

import io.tandem.engine.sink.apply.ColumnIndexes;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.IntStream;

/**
 * The row statements of one target table, rendered once and reused for every batch.
 *
 * <p>Set-based statements take one {@code text[]} parameter per column and cast each element to the column type
 * inside the server, so a flush of any number of rows is one statement with a fixed text (the server can keep it
 * prepared) and the values stay exactly the PostgreSQL text forms the transform produced.
 *
 * <p>Columns the target computes itself ({@code replicated=false}) appear in none of these statements. A column
 * overridden in the config gets its value through {@link ColumnValues} in every one of them, key matches included,
 * so a key is found by the same value it was written with.
 */
public final class TableSql {

    private final TargetTable table;
    private final int[] written;
    private final int[] key;
    private final String upsert;
    private final String insert;
    private final String deleteByKey;
    private final String deleteOne;
    private final String updateOne;

    private TableSql(TargetTable table) {
        this.table = table;
        this.written = ColumnIndexes.replicated(table);
        this.key = ColumnIndexes.primaryKey(table);
        this.insert = insertFromArrays(table, written);
        this.upsert = key.length == 0 ? null : insert + onConflict(table, written, key);
        this.deleteByKey = key.length == 0 ? null : deleteByKey(table, key);
        this.deleteOne = "DELETE FROM " + qualified(table) + " WHERE ctid = " + oneRow(table, written);
        this.updateOne = updateOne(table, written);
    }

    public static TableSql of(TargetTable table) {
        return new TableSql(table);
    }

    public TargetTable table() {
        return table;
    }

    /** Indexes into {@code table.columns()} (and into event rows) of the columns the sink writes, in order. */
    public int[] written() {
        return written;
    }

    /** Indexes of the primary key columns, in key order; empty for a table without a key. */
    public int[] key() {
        return key;
    }

    /** {@code INSERT ... SELECT FROM unnest(written arrays) ON CONFLICT (key) DO UPDATE/NOTHING}. */
    public String upsert() {
        return upsert;
    }

    /** {@code INSERT ... SELECT FROM unnest(written arrays)}: plain appends, for tables without a key. */
    public String insert() {
        return insert;
    }

    /** {@code DELETE ... USING unnest(key arrays)}. */
    public String deleteByKey() {
        return deleteByKey;
    }

    /** Deletes one physical row equal to the bound values (one parameter per written column). */
    public String deleteOne() {
        return deleteOne;
    }

    /** Sets the written columns of one physical row: new values first, then the old values that find the row. */
    public String updateOne() {
        return updateOne;
    }

    private static String insertFromArrays(TargetTable table, int[] columns) {
        List<String> names = new ArrayList<>();
        StringJoiner casts = new StringJoiner(", ");
        for (int i = 0; i < columns.length; i++) {
            TargetColumn column = table.columns().get(columns[i]);
            names.add(column.name());
            casts.add(cast("u.v" + i, column));
        }
        return "INSERT INTO " + qualified(table) + " (" + SqlIdentifiers.quotedList(names) + ") SELECT " + casts
                + " FROM " + unnest(columns.length, "u");
    }

    private static String onConflict(TargetTable table, int[] written, int[] key) {
        StringJoiner sets = new StringJoiner(", ");
        for (int index : written) {
            if (!contains(key, index)) {
                String column = quote(table.columns().get(index).name());
                sets.add(column + " = EXCLUDED." + column);
            }
        }
        String conflict = " ON CONFLICT (" + SqlIdentifiers.quotedList(table.primaryKey()) + ")";
        return sets.length() == 0 ? conflict + " DO NOTHING" : conflict + " DO UPDATE SET " + sets;
    }

    private static String deleteByKey(TargetTable table, int[] key) {
        if (IntStream.of(key).anyMatch(i -> table.columns().get(i).converted())) {
            return deleteByConvertedKey(table, key);
        }
        StringJoiner match = new StringJoiner(" AND ");
        for (int i = 0; i < key.length; i++) {
            TargetColumn column = table.columns().get(key[i]);
            match.add("t." + quote(column.name()) + " = " + cast("k.v" + i, column));
        }
        return "DELETE FROM " + qualified(table) + " AS t USING " + unnest(key.length, "k") + " WHERE " + match;
    }

    /**
     * The keys are converted in a derived table first: an override expression is a subquery, and compared in the
     * join condition it would keep the planner from matching the key index; {@code t.key = c.k0} does not.
     */
    private static String deleteByConvertedKey(TargetTable table, int[] key) {
        StringJoiner converted = new StringJoiner(", ");
        StringJoiner match = new StringJoiner(" AND ");
        for (int i = 0; i < key.length; i++) {
            TargetColumn column = table.columns().get(key[i]);
            converted.add(cast("k.v" + i, column) + " AS k" + i);
            match.add("t." + quote(column.name()) + " = c.k" + i);
        }
        return "DELETE FROM " + qualified(table) + " AS t USING (SELECT " + converted + " FROM "
                + unnest(key.length, "k") + ") AS c WHERE " + match;
    }

    private static String updateOne(TargetTable table, int[] written) {
        StringJoiner sets = new StringJoiner(", ");
        for (int index : written) {
            TargetColumn column = table.columns().get(index);
            sets.add(quote(column.name()) + " = " + cast("?", column));
        }
        return "UPDATE " + qualified(table) + " SET " + sets + " WHERE ctid = " + oneRow(table, written);
    }

    /**
     * A subquery yielding the ctid of one row whose written columns equal the parameters (NULL matching NULL).
     * Tables without a key may hold identical rows; changing exactly one of them, as the source did, keeps the
     * right number of copies.
     */
    private static String oneRow(TargetTable table, int[] written) {
        StringJoiner match = new StringJoiner(" AND ");
        for (int index : written) {
            match.add(matchColumn(table.columns().get(index)));
        }
        return "(SELECT ctid FROM " + qualified(table) + " WHERE " + match + " LIMIT 1)";
    }

    private static String matchColumn(TargetColumn column) {
        // json has no equality operator; its stored text is the input verbatim, so compare the text.
        boolean json = column.pgType().trim().equalsIgnoreCase("json");
        if (json && column.override() != null) {
            return "CAST(" + quote(column.name()) + " AS text) IS NOT DISTINCT FROM CAST(" + cast("?", column)
                    + " AS text)";
        }
        if (column.kind() == ValueKind.JSON && json) {
            return "CAST(" + quote(column.name()) + " AS text) IS NOT DISTINCT FROM CAST(? AS text)";
        }
        // Plain equality where the column holds no NULL: IS NOT DISTINCT FROM cannot use an index, and without
        // one every change to a busy keyless table scans it whole.
        return quote(column.name()) + (column.nullable() ? " IS NOT DISTINCT FROM " : " = ") + cast("?", column);
    }

    /** A text expression turned into {@code column}'s value: a cast, or the column's override expression. */
    private static String cast(String expression, TargetColumn column) {
        return ColumnValues.of(expression, column);
    }

    private static String unnest(int arrays, String alias) {
        StringJoiner parameters = new StringJoiner(", ", "unnest(", ")");
        StringJoiner names = new StringJoiner(", ", alias + "(", ")");
        for (int i = 0; i < arrays; i++) {
            parameters.add("CAST(? AS text[])");
            names.add("v" + i);
        }
        return parameters + " AS " + names;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
