package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.transform.TargetTable;

/** {@code TRUNCATE TABLE} on the source: every row of the table goes. */
public record TruncateTable(TargetTable table, SourcePosition position) implements ChangeEvent {

    @Override
    public long estimatedBytes() {
        return 64;
    }
}
