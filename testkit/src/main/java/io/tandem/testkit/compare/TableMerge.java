package io.tandem.testkit.compare;

import io.tandem.testkit.compare.RowDifference.Kind;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merge-join of two sorted row streams of one table. Rows come in groups of equal ordering key; a
 * group is held in memory, so memory is bounded by the largest group (one row with a primary key).
 */
final class TableMerge {

    private final TableShape shape;
    private final TableComparison result;

    TableMerge(TableShape shape, TableComparison result) {
        this.shape = shape;
        this.result = result;
    }

    void run(SortedRows source, SortedRows target) throws SQLException {
        while (source.peekKey() != null || target.peekKey() != null) {
            List<Object> sourceKey = source.peekKey();
            List<Object> targetKey = target.peekKey();
            int order = sourceKey == null ? 1 : targetKey == null ? -1 : CanonicalOrder.KEYS.compare(sourceKey, targetKey);
            if (order < 0) {
                source.nextGroup().forEach(row -> result.record(difference(Kind.MISSING, row, null)));
            } else if (order > 0) {
                target.nextGroup().forEach(row -> result.record(difference(Kind.EXTRA, null, row)));
            } else {
                compareGroups(source.nextGroup(), target.nextGroup());
            }
        }
        result.counted(source.count(), target.count());
    }

    /**
     * Matches equal rows as multisets. What is left over differs: with a primary key (groups of one
     * row each side) the pair is one changed row; without a key nothing ties a leftover source row
     * to a leftover target row, so they count as missing and extra.
     */
    private void compareGroups(List<List<Object>> sourceRows, List<List<Object>> targetRows) {
        Map<List<Object>, Integer> unmatchedTarget = new HashMap<>();
        targetRows.forEach(row -> unmatchedTarget.merge(row, 1, Integer::sum));
        List<List<Object>> sourceLeft = new ArrayList<>();
        for (List<Object> row : sourceRows) {
            if (unmatchedTarget.merge(row, -1, Integer::sum) < 0) {
                unmatchedTarget.merge(row, 1, Integer::sum);
                sourceLeft.add(row);
            }
        }
        List<List<Object>> targetLeft = new ArrayList<>();
        for (List<Object> row : targetRows) {
            if (unmatchedTarget.getOrDefault(row, 0) > 0) {
                unmatchedTarget.merge(row, -1, Integer::sum);
                targetLeft.add(row);
            }
        }
        int paired = shape.keyed() ? Math.min(sourceLeft.size(), targetLeft.size()) : 0;
        for (int i = 0; i < paired; i++) {
            result.record(difference(Kind.CHANGED, sourceLeft.get(i), targetLeft.get(i)));
        }
        sourceLeft.subList(paired, sourceLeft.size()).forEach(row -> result.record(difference(Kind.MISSING, row, null)));
        targetLeft.subList(paired, targetLeft.size()).forEach(row -> result.record(difference(Kind.EXTRA, null, row)));
    }

    private RowDifference difference(Kind kind, List<Object> sourceRow, List<Object> targetRow) {
        List<Object> either = sourceRow != null ? sourceRow : targetRow;
        Map<String, Object> key = new LinkedHashMap<>();
        for (int index : shape.orderIndexes()) {
            key.put(shape.columns().get(index).name(), either.get(index));
        }
        List<String> changed = new ArrayList<>();
        if (sourceRow != null && targetRow != null) {
            for (int i = 0; i < shape.columns().size(); i++) {
                if (!Objects.equals(sourceRow.get(i), targetRow.get(i))) {
                    changed.add(shape.columns().get(i).name());
                }
            }
        }
        return new RowDifference(kind, Collections.unmodifiableMap(key), named(sourceRow), named(targetRow), List.copyOf(changed));
    }

    private Map<String, Object> named(List<Object> row) {
        if (row == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < shape.columns().size(); i++) {
            values.put(shape.columns().get(i).name(), row.get(i));
        }
        return Collections.unmodifiableMap(values);
    }
}
