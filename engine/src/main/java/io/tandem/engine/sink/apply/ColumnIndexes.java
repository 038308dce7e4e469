package io.tandem.engine.sink.apply;

import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import java.util.List;
import java.util.stream.IntStream;

/** Where a table's key columns and written columns sit in its event rows (indexes into {@code columns()}). */
public final class ColumnIndexes {

    private ColumnIndexes() {
    }

    /** The primary key columns, in key order; empty for a table without a key. */
    public static int[] primaryKey(TargetTable table) {
        int[] key = new int[table.primaryKey().size()];
        for (int i = 0; i < key.length; i++) {
            String name = table.primaryKey().get(i);
            key[i] = table.columnIndex(name);
            if (key[i] < 0) {
                throw new IllegalArgumentException("primary key column " + name + " is not a column of "
                        + table.displayName());
            }
        }
        return key;
    }

    /** The columns a sink writes, in column order: all but those the target computes itself. */
    public static int[] replicated(TargetTable table) {
        List<TargetColumn> columns = table.columns();
        return IntStream.range(0, columns.size())
                .filter(i -> columns.get(i).replicated()).toArray();
    }
}
