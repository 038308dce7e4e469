package io.tandem.testkit.compare;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One side's rows, streamed in order and handed out in groups of equal ordering key (a group has
 * one row when the table has a primary key). Checks that the server's order is the one the merge
 * assumes, since a silent disagreement would report phantom differences.
 */
final class SortedRows {

    /** Reads one canonical value; MySqlSide::read or PostgresSide::read. */
    interface ValueReader {
        Object read(ResultSet rows, int index, Column column) throws SQLException;
    }

    private final ResultSet rows;
    private final TableShape shape;
    private final ValueReader reader;
    private final String side;
    private List<Object> pending;
    private List<Object> lastKey;
    private long count;

    SortedRows(ResultSet rows, TableShape shape, ValueReader reader, String side) throws SQLException {
        this.rows = rows;
        this.shape = shape;
        this.reader = reader;
        this.side = side;
        this.pending = readRow();
    }

    /** The ordering key of the next group, or null at the end. */
    List<Object> peekKey() {
        return pending == null ? null : key(pending);
    }

    /** All rows with the next ordering key; empty at the end. */
    List<List<Object>> nextGroup() throws SQLException {
        List<List<Object>> group = new ArrayList<>();
        if (pending == null) {
            return group;
        }
        List<Object> groupKey = key(pending);
        while (pending != null && CanonicalOrder.KEYS.compare(key(pending), groupKey) == 0) {
            group.add(pending);
            pending = readRow();
        }
        return group;
    }

    long count() {
        return count;
    }

    List<Object> key(List<Object> row) {
        List<Object> key = new ArrayList<>(shape.orderIndexes().size());
        for (int index : shape.orderIndexes()) {
            key.add(row.get(index));
        }
        return key;
    }

    private List<Object> readRow() throws SQLException {
        if (!rows.next()) {
            return null;
        }
        List<Object> row = new ArrayList<>(shape.columns().size());
        for (int i = 0; i < shape.columns().size(); i++) {
            row.add(reader.read(rows, i + 1, shape.columns().get(i)));
        }
        count++;
        List<Object> key = key(row);
        if (lastKey != null && CanonicalOrder.KEYS.compare(lastKey, key) > 0) {
            throw new IllegalStateException(side + " returned rows of " + shape.table() + " out of the expected order: "
                    + key + " after " + lastKey + "; the comparator and the server disagree on how to sort "
                    + shape.orderColumnNames());
        }
        lastKey = key;
        return row;
    }
}
