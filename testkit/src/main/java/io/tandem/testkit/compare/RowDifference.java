package io.tandem.testkit.compare;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One row that differs, as an example in a report. Values are canonical (see {@link ValueKind}),
 * keyed by column name in table order.
 *
 * @param key the primary key values, or all ordering columns for a table without one
 * @param source the source row, null when the row exists only on the target
 * @param target the target row, null when the row is missing there
 * @param changedColumns for {@link Kind#CHANGED}, the columns whose values differ
 */
public record RowDifference(Kind kind, Map<String, Object> key, Map<String, Object> source, Map<String, Object> target,
                            List<String> changedColumns) {

    /** What happened to the row on the target. */
    public enum Kind {
        /** On the source, not on the target. */
        MISSING,
        /** On the target, not on the source. */
        EXTRA,
        /** Same key on both sides, other values differ. */
        CHANGED
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MISSING -> "missing on target " + key + ": " + source;
            case EXTRA -> "extra on target " + key + ": " + target;
            case CHANGED -> "changed " + key + ": " + changedColumns.stream()
                    .map(column -> column + " " + source.get(column) + " -> " + target.get(column))
                    .collect(Collectors.joining(", "));
        };
    }
}
