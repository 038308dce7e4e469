package io.tandem.cutover.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row that differed in one round: both sides' values (null for a side without the row) and what differs.
 * The sides are kept so a later round can tell whether the row changed meanwhile.
 */
record Observation(String key, Map<String, String> keyValues, List<String> sourceRow, List<String> targetRow,
                   List<Difference> differences) {

    /** The same row on both sides as in {@code earlier}: neither side changed between the two rounds. */
    boolean sameRowsAs(Observation earlier) {
        return Objects.equals(sourceRow, earlier.sourceRow) && Objects.equals(targetRow, earlier.targetRow);
    }

    /**
     * From a comparison row laid out {@code in_source, in_target, s0, t0, s1, t1, …}.
     *
     * @param values that row's values from the third column on
     */
    static Observation of(String table, CompareSql sql, boolean inSource, boolean inTarget, String[] values) {
        int width = sql.written().length;
        List<String> source = new ArrayList<>(width);
        List<String> target = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            source.add(values[2 * i]);
            target.add(values[2 * i + 1]);
        }
        return of(table, sql, inSource ? source : null, inTarget ? target : null);
    }

    static Observation of(String table, CompareSql sql, List<String> source, List<String> target) {
        Map<String, String> key = new LinkedHashMap<>();
        for (int k : sql.key()) {
            key.put(sql.column(k).name(), (source != null ? source : target).get(k));
        }
        List<Difference> differences = new ArrayList<>();
        if (target == null) {
            differences.add(new Difference(table, Difference.Kind.MISSING_ON_TARGET, key, null, null, null,
                    row(sql, source), 1));
        } else if (source == null) {
            differences.add(new Difference(table, Difference.Kind.EXTRA_ON_TARGET, key, null, null, null,
                    row(sql, target), 1));
        } else {
            for (int i = 0; i < source.size(); i++) {
                if (!Objects.equals(source.get(i), target.get(i))) {
                    differences.add(new Difference(table, Difference.Kind.VALUE, key, sql.column(i).name(),
                            source.get(i), target.get(i), Map.of(), 1));
                }
            }
        }
        return new Observation(keyText(key), key, source, target, differences);
    }

    private static Map<String, String> row(CompareSql sql, List<String> values) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                row.put(sql.column(i).name(), values.get(i));
            }
        }
        return row;
    }

    /** A key's identity across rounds: its columns' texts, unambiguously joined. */
    private static String keyText(Map<String, String> key) {
        return Arrays.toString(key.values().stream().map(v -> v == null ? "\u0000null" : v.length() + ":" + v)
                .toArray());
    }
}
