package io.tandem.connectors.mysql.snapshot;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.PolicyFailure;
import io.tandem.engine.values.RowPolicies;
import io.tandem.engine.values.ValuePolicies;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One table's snapshot query and the per-column readers for its rows, decided once per table.
 *
 * <p>Rows are arrays aligned with the target table's columns. Columns that are not replicated (the target
 * computes them) are not selected and stay null in the array.
 */
final class RowReader {

    private final SourceTable source;
    private final TargetTable target;
    private final String sql;
    private final String selectList;
    private final int width;
    private final int[] targetIndex;
    private final ColumnReader[] readers;
    private final String[] names;
    private final int[] keyColumns;
    private final RowPolicies policies;

    RowReader(SourceTable source, TargetTable target, ValuePolicies valuePolicies) {
        this.source = source;
        this.target = target;
        this.policies = new RowPolicies(valuePolicies, Set.copyOf(source.primaryKey()));
        this.width = target.columns().size();
        List<String> expressions = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        List<ColumnReader> columnReaders = new ArrayList<>();
        List<String> columnNames = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            TargetColumn column = target.columns().get(i);
            if (!column.replicated()) {
                continue;
            }
            SelectedColumn selected = SelectedColumn.of(sourceColumn(column), column, policies);
            expressions.add(selected.expression());
            indexes.add(i);
            columnReaders.add(selected.reader());
            columnNames.add(column.sourceName());
        }
        if (expressions.isEmpty()) {
            throw new IllegalArgumentException(target.displayName() + " has no replicated columns to copy");
        }
        this.selectList = String.join(", ", expressions);
        this.sql = "SELECT " + selectList + " FROM " + MySqlNames.quote(source.id());
        this.targetIndex = indexes.stream().mapToInt(Integer::intValue).toArray();
        this.readers = columnReaders.toArray(ColumnReader[]::new);
        this.names = columnNames.toArray(String[]::new);
        this.keyColumns = source.primaryKey().stream().mapToInt(columnNames::indexOf).toArray();
    }

    String sql() {
        return sql;
    }

    /** The SELECT list alone, whose columns {@link #read} reads as 1..{@link #selectedColumns()}. */
    String selectList() {
        return selectList;
    }

    int selectedColumns() {
        return readers.length;
    }

    /**
     * Reads the current row into a new array (a new one per row, since the target may keep it).
     *
     * @param ordinal the row's 1-based position in the copy, to name rows of tables without a key
     */
    String[] read(ResultSet rs, long ordinal) throws SQLException {
        String[] values = new String[width];
        policies.startRow();
        for (int i = 0; i < readers.length; i++) {
            try {
                values[targetIndex[i]] = readers[i].read(rs, i + 1);
            } catch (PolicyFailure failure) {
                throw Rejections.describe(source.id(), rowKey(rs, ordinal), failure);
            }
        }
        return values;
    }

    /**
     * What the value policies did to the row just read, or null when they did nothing.
     *
     * @param position the copy's consistent position, under which a refused row is recorded
     */
    PolicyApplied policyApplied(ResultSet rs, SourcePosition position) throws SQLException {
        if (!policies.changedAny()) {
            return null;
        }
        boolean keyed = keyColumns.length > 0 && Arrays.stream(keyColumns).allMatch(k -> k >= 0);
        Map<String, String> key = new LinkedHashMap<>();
        if (keyed) {
            for (int k : keyColumns) {
                key.put(names[k], rs.getString(k + 1));
            }
        } else {
            for (int i = 0; i < names.length; i++) {
                key.put(names[i], rs.getString(i + 1));
            }
        }
        return new PolicyApplied(target, "snapshot", key, policies.hits(), position);
    }

    /** {@code id=5} or {@code a=1, b=x} from the current row, or its ordinal when the table has no usable key. */
    private String rowKey(ResultSet rs, long ordinal) throws SQLException {
        if (keyColumns.length == 0 || Arrays.stream(keyColumns).anyMatch(k -> k < 0)) {
            return "row " + ordinal + " of the copy (the table has no primary key)";
        }
        StringBuilder key = new StringBuilder();
        for (int k : keyColumns) {
            if (key.length() > 0) {
                key.append(", ");
            }
            key.append(names[k]).append('=').append(rs.getString(k + 1));
        }
        return key.toString();
    }

    private SourceColumn sourceColumn(TargetColumn column) {
        int index = source.columnIndex(column.sourceName());
        if (index < 0) {
            throw new IllegalArgumentException(target.displayName() + " column " + column.name()
                    + " maps source column " + column.sourceName() + ", which " + source.id() + " does not have");
        }
        return source.columns().get(index);
    }
}
