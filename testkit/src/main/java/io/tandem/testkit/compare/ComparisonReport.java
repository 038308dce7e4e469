package io.tandem.testkit.compare;

import java.util.List;
import java.util.stream.Collectors;

/** The result of comparing databases table by table; {@link #toString()} is written for test failures. */
public final class ComparisonReport {

    private final List<TableComparison> tables;

    ComparisonReport(List<TableComparison> tables) {
        this.tables = List.copyOf(tables);
    }

    public List<TableComparison> tables() {
        return tables;
    }

    /** The result for {@code table}; tables of several databases are named {@code database.table}. */
    public TableComparison table(String table) {
        return tables.stream().filter(comparison -> comparison.table().equals(table)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + table + " in this report"));
    }

    public boolean isEqual() {
        return tables.stream().allMatch(TableComparison::isEqual);
    }

    public List<TableComparison> differences() {
        return tables.stream().filter(table -> !table.isEqual()).toList();
    }

    @Override
    public String toString() {
        List<TableComparison> different = differences();
        String header = isEqual()
                ? "All " + tables.size() + " tables equal"
                : different.size() + " of " + tables.size() + " tables differ";
        String details = different.stream().map(table -> "  " + table).collect(Collectors.joining("\n"));
        String equal = tables.stream().filter(TableComparison::isEqual)
                .map(table -> table.table() + " (" + table.sourceRows() + ")").collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder(header);
        if (!details.isEmpty()) {
            text.append('\n').append(details);
        }
        if (!equal.isEmpty()) {
            text.append("\n  equal: ").append(equal);
        }
        return text.toString();
    }
}
