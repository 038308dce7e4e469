package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.transform.TargetTable;

/** A table that appeared on the source while streaming; the target creates it before any row of it arrives. */
public record CreateTable(TargetTable table, SourcePosition position) implements ChangeEvent {

    @Override
    public long estimatedBytes() {
        return 256L * (1 + table.columns().size());
    }
}
