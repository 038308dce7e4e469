package io.tandem.connectors.mysql.snapshot;

import io.tandem.engine.model.SourceTable;
import io.tandem.engine.transform.TargetTable;
import java.util.Objects;

/** One table to copy: its source structure (for column types) and the target table it maps to. */
public record SnapshotTable(SourceTable source, TargetTable target) {

    public SnapshotTable {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (!source.id().equals(target.source())) {
            throw new IllegalArgumentException("target " + target.displayName() + " maps " + target.source()
                    + ", not " + source.id());
        }
    }
}
