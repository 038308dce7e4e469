package io.tandem.cutover.verify;

import static io.tandem.sink.postgres.sql.SqlIdentifiers.quote;

import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import io.tandem.sink.postgres.sql.ColumnValues;
import io.tandem.sink.postgres.sql.SqlIdentifiers;
import io.tandem.sink.postgres.sql.TableSql;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The PostgreSQL statements that compare one table's staged source rows with the target.
 *
 * <p>Staged rows hold each value as the text the snapshot copy would send; {@link #typed} turns it into the target
 * column's value exactly as the sink does (a cast, or the column's {@code using} expression, then the column type
 * with its modifier). Values are then compared as their text output under {@code COLLATE "C"}, never with the
 * type's equality: {@code float8} equality says {@code 0 = -0}, {@code jsonb} says {@code 1.0 = 1}, {@code numeric}
 * ignores scale and a non-deterministic collation ignores case, while each type's text output keeps all of those
 * apart and {@code "C"} compares it byte by byte. The session pins the output settings ({@link TargetSession}).
 *
 * <p>Rows are matched on the key with the key type's own equality, which is exact for every key type tandem
 * writes (text in the database's deterministic collation compares bytes) and lets the primary key index serve the
 * match; a key that is equal but prints differently (a float key {@code -0}) still shows as a value difference.
 */
final class CompareSql {

    /** Key kinds whose order is the same in MySQL and PostgreSQL, so a source key range is a target key range. */
    private static final Set<ValueKind> ORDERED_ALIKE = EnumSet.of(ValueKind.INTEGER, ValueKind.DECIMAL,
            ValueKind.FLOAT, ValueKind.DATE, ValueKind.TIMESTAMP, ValueKind.TIMESTAMPTZ, ValueKind.BYTES,
            ValueKind.BITS);

    static final String STAGE = "pg_temp." + quote("tandem_verify_stage");

    private final TargetTable table;
    private final int[] written;
    /** Positions within {@link #written} of the key columns, in key order. */
    private final int[] key;

    CompareSql(TargetTable table) {
        this.table = table;
        this.written = TableSql.of(table).written();
        List<Integer> keyPositions = new ArrayList<>();
        for (String name : table.primaryKey()) {
            int index = table.columnIndex(name);
            for (int i = 0; i < written.length; i++) {
                if (written[i] == index) {
                    keyPositions.add(i);
                }
            }
        }
        if (keyPositions.size() != table.primaryKey().size()) {
            throw new IllegalArgumentException(table.displayName() + ": a primary key column is not replicated");
        }
        this.key = keyPositions.stream().mapToInt(Integer::intValue).toArray();
    }

    TargetTable table() {
        return table;
    }

    int[] written() {
        return written;
    }

    int[] key() {
        return key;
    }

    TargetColumn column(int position) {
        return table.columns().get(written[position]);
    }

    /**
     * Whether a source key range maps to the same target key range: every key column has a kind both servers order
     * alike and reaches the target by a plain cast. Text keys do not (MySQL collations ignore case and trailing
     * spaces), nor do booleans (MySQL's 1 and 2 are both true).
     */
    boolean rangeComparable() {
        for (int k : key) {
            TargetColumn column = column(k);
            if (!ORDERED_ALIKE.contains(column.kind()) || column.converted()) {
                return false;
            }
        }
        return true;
    }

    String createStage() {
        StringJoiner columns = new StringJoiner(", ", " (", ")");
        for (int i = 0; i < written.length; i++) {
            columns.add("v" + i + " text");
        }
        return "CREATE TEMPORARY TABLE " + quote("tandem_verify_stage") + columns;
    }

    String dropStage() {
        return "DROP TABLE IF EXISTS " + STAGE;
    }

    String copyIntoStage() {
        return "COPY " + STAGE + " FROM STDIN WITH (FORMAT text)";
    }

    /** The staged text as the column's value, as the sink would store it (see the class comment). */
    String typed(int position, String text) {
        TargetColumn column = column(position);
        return "CAST(" + ColumnValues.of(text, column) + " AS " + column.pgType() + ")";
    }

    /**
     * Staged rows against the target rows in a key range (range mode) or with a staged key (key mode): one result
     * row per differing, missing or extra row, columns {@code in_source, in_target, s0, t0, s1, t1, …}.
     *
     * @param lower whether the range has a lower bound (parameters: its key values as source text, exclusive)
     * @param upper whether the range has an upper bound (parameters: its key values as source text, inclusive)
     */
    String compareRange(boolean lower, boolean upper) {
        StringJoiner where = new StringJoiner(" AND ");
        if (lower) {
            where.add(keyTuple() + " > " + boundTuple());
        }
        if (upper) {
            where.add(keyTuple() + " <= " + boundTuple());
        }
        return compare("", where.length() == 0 ? "" : " WHERE " + where);
    }

    /** Staged rows against the target rows with the same keys (text keys; see {@link #rangeComparable()}). */
    String compareKeys() {
        StringJoiner staged = new StringJoiner(", ");
        for (int k : key) {
            staged.add("c" + k);
        }
        return compare("", " WHERE " + keyTuple() + " IN (SELECT " + staged + " FROM s)");
    }

    /**
     * Staged rows against the target rows with a listed key or a staged one: finds differing, missing and extra rows
     * among the listed keys (a listed key the source no longer has shows as extra if the target still has it).
     * Parameters: one {@code text[]} per key column holding the listed keys as the sink received them (converted
     * as the sink converts them), then the limit. Staged keys are included because the source matches a listed key
     * under its own collation (a listed {@code 'a'} brings back the row {@code 'A'}).
     */
    String compareListed() {
        StringJoiner keys = new StringJoiner(", ");
        for (int k : key) {
            keys.add("c" + k);
        }
        return compare("k AS (" + listedKeys() + "), ", " WHERE " + keyTuple() + " IN (SELECT " + keys
                + " FROM k UNION SELECT " + keys + " FROM s)");
    }

    /**
     * The listed keys (parameters: one {@code text[]} per key column) as text the source compares with its key
     * columns, in list order: columns {@code k0, k1, …}. Throws as {@link #requireKeyModeSupported()} does.
     */
    String listedKeysForSource() {
        StringJoiner select = new StringJoiner(", ");
        for (int i = 0; i < key.length; i++) {
            select.add(forSource(column(key[i]), typed(key[i], "u.k" + i)));
        }
        return "SELECT " + select + " FROM " + unnestKeys() + " ORDER BY u.n";
    }

    /** The target table's row count. */
    String countRows() {
        return "SELECT count(*) FROM " + SqlIdentifiers.qualified(table);
    }

    private String listedKeys() {
        StringJoiner select = new StringJoiner(", ");
        for (int i = 0; i < key.length; i++) {
            select.add(typed(key[i], "u.k" + i) + " AS c" + key[i]);
        }
        return "SELECT " + select + " FROM " + unnestKeys();
    }

    /** {@code unnest(?, ?) WITH ORDINALITY AS u(k0, k1, n)}: arrays of equal length, zipped. */
    private String unnestKeys() {
        StringJoiner arrays = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        for (int i = 0; i < key.length; i++) {
            arrays.add("CAST(? AS text[])");
            names.add("k" + i);
        }
        return "unnest(" + arrays + ") WITH ORDINALITY AS u(" + names + ", n)";
    }

    private String compare(String with, String targetWhere) {
        StringJoiner select = new StringJoiner(", ");
        select.add("s.c" + key[0] + " IS NOT NULL");
        select.add("t.c" + key[0] + " IS NOT NULL");
        StringJoiner differs = new StringJoiner(" OR ");
        differs.add("s.c" + key[0] + " IS NULL");
        differs.add("t.c" + key[0] + " IS NULL");
        for (int i = 0; i < written.length; i++) {
            select.add(asText("s.c" + i));
            select.add(asText("t.c" + i));
            differs.add(asText("s.c" + i) + " IS DISTINCT FROM " + asText("t.c" + i));
        }
        StringJoiner on = new StringJoiner(" AND ");
        for (int k : key) {
            on.add("s.c" + k + " = t.c" + k);
        }
        return "WITH " + with + "s AS (" + stagedRows() + "), t AS (" + targetRows() + targetWhere + ")"
                + " SELECT " + select + " FROM s FULL JOIN t ON " + on + " WHERE " + differs + " LIMIT ?";
    }

    /**
     * The target's keys after a key (or from the first), in the target's own key order, for finding target rows
     * the source lacks: columns {@code k0_text, k0_for_source, k1_text, …}.
     */
    String targetKeys(boolean lower, boolean upper) {
        StringJoiner select = new StringJoiner(", ");
        StringJoiner order = new StringJoiner(", ");
        for (int k : key) {
            String column = quote(column(k).name());
            select.add("CAST(" + column + " AS text)");
            select.add(forSource(column(k), column));
            order.add(column);
        }
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        if (lower) {
            where.add(keyTuple() + " > " + targetBoundTuple());
        }
        if (upper) {
            where.add(keyTuple() + " <= " + targetBoundTuple());
        }
        return "SELECT " + select + " FROM " + SqlIdentifiers.qualified(table) + where + " ORDER BY " + order
                + " LIMIT ?";
    }

    /**
     * Target rows in a key range (bounds as target text) whose key no staged row has, as full rows:
     * columns {@code t0, t1, …}.
     */
    String extraRows(boolean lower) {
        StringJoiner select = new StringJoiner(", ");
        for (int i = 0; i < written.length; i++) {
            select.add(asText("t.c" + i));
        }
        StringJoiner match = new StringJoiner(" AND ");
        for (int k : key) {
            match.add("s.c" + k + " = t.c" + k);
        }
        String range = (lower ? keyTuple() + " > " + targetBoundTuple() + " AND " : "") + keyTuple() + " <= "
                + targetBoundTuple();
        return "WITH s AS (" + stagedRows() + "), t AS (" + targetRows() + " WHERE " + range + ")"
                + " SELECT " + select + " FROM t WHERE NOT EXISTS (SELECT 1 FROM s WHERE " + match + ") LIMIT ?";
    }

    /**
     * A table without a key as two multisets: rows of one side with more copies than on the other, and how many
     * more, columns {@code side, copies, v0, v1, …} ({@code side} is {@code missing} or {@code extra}).
     */
    String compareMultisets() {
        StringJoiner s = new StringJoiner(", ");
        StringJoiner t = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        for (int i = 0; i < written.length; i++) {
            s.add(asText("c" + i) + " AS c" + i);
            t.add(asText("c" + i) + " AS c" + i);
            names.add("c" + i);
        }
        String sourceSide = "SELECT " + s + " FROM s";
        String targetSide = "SELECT " + t + " FROM t";
        return "WITH s AS (" + stagedRows() + "), t AS (" + targetRows() + ")"
                + " SELECT 'missing', count(*), " + names + " FROM (" + sourceSide + " EXCEPT ALL " + targetSide
                + ") m GROUP BY " + names
                + " UNION ALL SELECT 'extra', count(*), " + names + " FROM (" + targetSide + " EXCEPT ALL "
                + sourceSide + ") e GROUP BY " + names + " LIMIT ?";
    }

    private String stagedRows() {
        StringJoiner select = new StringJoiner(", ");
        for (int i = 0; i < written.length; i++) {
            select.add(typed(i, "v" + i) + " AS c" + i);
        }
        return "SELECT " + select + " FROM " + STAGE;
    }

    private String targetRows() {
        StringJoiner select = new StringJoiner(", ");
        for (int i = 0; i < written.length; i++) {
            select.add(quote(column(i).name()) + " AS c" + i);
        }
        return "SELECT " + select + " FROM " + SqlIdentifiers.qualified(table);
    }

    private String keyTuple() {
        StringJoiner tuple = new StringJoiner(", ", "(", ")");
        for (int k : key) {
            tuple.add(quote(column(k).name()));
        }
        return tuple.toString();
    }

    /** Key values given as source text, converted as the sink converts them. */
    private String boundTuple() {
        StringJoiner tuple = new StringJoiner(", ", "(", ")");
        for (int k : key) {
            tuple.add(typed(k, "?"));
        }
        return tuple.toString();
    }

    /** Key values given as the target's own text output. */
    private String targetBoundTuple() {
        StringJoiner tuple = new StringJoiner(", ", "(", ")");
        for (int k : key) {
            tuple.add("CAST(? AS " + column(k).pgType() + ")");
        }
        return tuple.toString();
    }

    private static String asText(String expression) {
        return "(CAST(" + expression + " AS text) COLLATE \"C\")";
    }

    /**
     * A target key value as text the source compares with its column. Only what a key of a table compared by key
     * (not by range) may hold is supported; the check runs when the table's comparison is set up.
     */
    private static String forSource(TargetColumn column, String quoted) {
        if (column.converted()) {
            throw new UnsupportedOperationException("its key column " + column.name()
                    + " is converted by a `using` override, so the target's key cannot be looked up on the source");
        }
        return switch (column.kind()) {
            case TEXT, INTEGER, DECIMAL, FLOAT, DATE, TIMESTAMP -> "CAST(" + quoted + " AS text)";
            case TIMESTAMPTZ -> "to_char(" + quoted + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')";
            case BOOLEAN -> "CASE WHEN " + quoted + " THEN '1' ELSE '0' END";
            default -> throw new UnsupportedOperationException("its key column " + column.name() + " ("
                    + column.kind() + ") next to a text or boolean key column cannot be looked up on the source");
        };
    }

    /** Throws when the key-mode statements cannot be built for this table; see {@link #forSource}. */
    void requireKeyModeSupported() {
        for (int k : key) {
            forSource(column(k), "x");
        }
    }
}
