package io.tandem.connectors.mysql.snapshot;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    private final int width;
    private final int[] targetIndex;
    private final ColumnReader[] readers;
    private final String[] names;
    private final int[] keyColumns;

    RowReader(SourceTable source, TargetTable target) {
        this.source = source;
        this.target = target;
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
            SelectedColumn selected = SelectedColumn.of(sourceColumn(column), column);
            expressions.add(selected.expression());
            indexes.add(i);
            columnReaders.add(selected.reader());
            columnNames.add(column.sourceName());
        }
        if (expressions.isEmpty()) {
            throw new IllegalArgumentException(target.displayName() + " has no replicated columns to copy");
        }
        this.sql = "SELECT " + String.join(", ", expressions) + " FROM " + MySqlNames.quote(source.id());
        this.targetIndex = indexes.stream().mapToInt(Integer::intValue).toArray();
        this.readers = columnReaders.toArray(ColumnReader[]::new);
        this.names = columnNames.toArray(String[]::new);
        this.keyColumns = source.primaryKey().stream().mapToInt(columnNames::indexOf).toArray();
    }

    String sql() {
        return sql;
    }

    /**
     * Reads the current row into a new array (a new one per row, since the target may keep it).
     *
     * @param ordinal the row's 1-based position in the copy, to name rows of tables without a key
     */
    String[] read(ResultSet rs, long ordinal) throws SQLException {
        String[] values = new String[width];
        for (int i = 0; i < readers.length; i++) {
            try {
                values[targetIndex[i]] = readers[i].read(rs, i + 1);
            } catch (RejectedValue rejected) {
                throw Rejections.describe(source.id(), names[i], rowKey(rs, ordinal), rejected);
            }
        }
        return values;
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
