package io.tandem.engine.sink.apply;

import java.util.Arrays;

/**
 * A row's primary key values in text form. Text equality stands in for key equality: the transform renders each
 * type in one canonical form, so two spellings of one key do not occur.
 */
final class RowKey {

    private final String[] values;
    private final int hash;

    private RowKey(String[] values) {
        this.values = values;
        this.hash = Arrays.hashCode(values);
    }

    static RowKey of(String[] row, int[] keyColumns) {
        String[] values = new String[keyColumns.length];
        for (int i = 0; i < keyColumns.length; i++) {
            values[i] = row[keyColumns[i]];
        }
        return new RowKey(values);
    }

    /** The key values in key column order. */
    String[] values() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowKey key && hash == key.hash && Arrays.equals(values, key.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
