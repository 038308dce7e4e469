package io.tandem.sink.postgres.apply;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Executes a statement that takes one {@code text[]} per column (see {@link io.tandem.sink.postgres.sql.TableSql})
 * over many rows, in chunks so that one statement's arrays stay a bounded size whatever the batch holds.
 */
final class ArrayStatements {

    private ArrayStatements() {
    }

    /**
     * @param rows the rows; column {@code c} of the statement takes {@code row[columns[c]]} of every row
     * @return the number of rows the statement reported affected
     */
    static long execute(Connection connection, String sql, List<String[]> rows, int[] columns, int chunkRows)
            throws SQLException {
        long affected = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int from = 0; from < rows.size(); from += chunkRows) {
                int to = Math.min(rows.size(), from + chunkRows);
                for (int c = 0; c < columns.length; c++) {
                    statement.setArray(c + 1, column(connection, rows, from, to, columns[c]));
                }
                affected += statement.executeUpdate();
            }
        }
        return affected;
    }

    private static Array column(Connection connection, List<String[]> rows, int from, int to, int column)
            throws SQLException {
        String[] values = new String[to - from];
        for (int r = from; r < to; r++) {
            values[r - from] = rows.get(r)[column];
        }
        return connection.createArrayOf("text", values);
    }
}
