package io.tandem.testkit.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * The result for one table. Rows compare by primary key; without one, as multisets, and a row whose
 * values differ counts as one missing plus one extra.
 */
public final class TableComparison {

    private final String table;
    private final List<String> problems = new ArrayList<>();
    private final List<RowDifference> examples = new ArrayList<>();
    private final int maxExamples;
    private long sourceRows;
    private long targetRows;
    private long missing;
    private long extra;
    private long changed;

    TableComparison(String table, int maxExamples) {
        this.table = table;
        this.maxExamples = maxExamples;
    }

    public String table() {
        return table;
    }

    public long sourceRows() {
        return sourceRows;
    }

    public long targetRows() {
        return targetRows;
    }

    /** Rows on the source that the target lacks. */
    public long missing() {
        return missing;
    }

    /** Rows on the target that the source lacks. */
    public long extra() {
        return extra;
    }

    /** Rows present on both sides with the same key but other values. */
    public long changed() {
        return changed;
    }

    /** Differences in the table's existence or columns, e.g. "column x missing on target". */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The first differing rows in key order, at most the comparator's example limit. */
    public List<RowDifference> examples() {
        return List.copyOf(examples);
    }

    public boolean isEqual() {
        return problems.isEmpty() && missing == 0 && extra == 0 && changed == 0;
    }

    void problem(String description) {
        problems.add(description);
    }

    void counted(long source, long target) {
        this.sourceRows = source;
        this.targetRows = target;
    }

    void record(RowDifference difference) {
        switch (difference.kind()) {
            case MISSING -> missing++;
            case EXTRA -> extra++;
            case CHANGED -> changed++;
            default -> throw new IllegalArgumentException("unknown kind " + difference.kind());
        }
        if (examples.size() < maxExamples) {
            examples.add(difference);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(table).append(": source ").append(sourceRows).append(" rows, target ")
                .append(targetRows).append(" rows");
        if (isEqual()) {
            return text.append(", equal").toString();
        }
        text.append(", missing ").append(missing).append(", extra ").append(extra).append(", changed ").append(changed);
        problems.forEach(problem -> text.append("\n    ").append(problem));
        examples.forEach(example -> text.append("\n    ").append(example));
        long shown = examples.size();
        long total = missing + extra + changed;
        if (total > shown) {
            text.append("\n    ... and ").append(total - shown).append(" more");
        }
        return text.toString();
    }
}
