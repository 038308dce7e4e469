package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.transform.TargetTable;

/** A table dropped on the source while streaming. */
public record DropTable(TargetTable table, SourcePosition position) implements ChangeEvent {

    @Override
    public long estimatedBytes() {
        return 64;
    }
}
