package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.transform.TargetTable;
import java.util.Objects;

/**
 * An inserted, updated or deleted row. Values are PostgreSQL text (see {@link io.tandem.engine.transform.ValueKind}),
 * aligned with {@code table.columns()}; a null element is SQL NULL.
 *
 * @param before the row before the change: null for an insert
 * @param after the row after the change: null for a delete
 */
public record RowChange(Op op, TargetTable table, String[] before, String[] after, SourcePosition position)
        implements ChangeEvent {

    /** What happened to the row. A snapshot read is not an event: snapshot rows travel by COPY. */
    public enum Op { INSERT, UPDATE, DELETE }

    public RowChange {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(table, "table");
        if ((op == Op.INSERT) != (before == null) || (op == Op.DELETE) != (after == null)) {
            throw new IllegalArgumentException(op + " with before=" + (before != null) + " after=" + (after != null));
        }
    }

    @Override
    public long estimatedBytes() {
        return 64 + sizeOf(before) + sizeOf(after);
    }

    private static long sizeOf(String[] row) {
        if (row == null) {
            return 0;
        }
        long bytes = 16L + 8L * row.length;
        for (String value : row) {
            if (value != null) {
                bytes += 40 + value.length();
            }
        }
        return bytes;
    }
}
