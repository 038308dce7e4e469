package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.transform.TargetTable;
import java.util.Objects;

/**
 * A table renamed on the source while streaming ({@code RENAME TABLE}, {@code ALTER TABLE … RENAME}); the target
 * table is renamed in place, rows and all, and rows after it carry {@code after}. A multi-table rename (a swap
 * through a temporary name) arrives as one of these per pair, in statement order. {@code after} differs from
 * {@code before} only in its source id, its name and its index names (which carry the table name), index by index.
 */
public record RenameTable(TargetTable before, TargetTable after, SourcePosition position) implements ChangeEvent {

    public RenameTable {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (!before.schema().equals(after.schema()) || before.indexes().size() != after.indexes().size()) {
            throw new IllegalArgumentException("a rename keeps the schema and the indexes: " + before.displayName()
                    + " -> " + after.displayName());
        }
    }

    @Override
    public long estimatedBytes() {
        return 128;
    }
}
