package io.tandem.connectors.mysql.snapshot;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.model.TableId;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * What the copy produced: for every requested table (copied now or earlier) the position its copy is consistent
 * with. Streaming starts at the earliest of them; for each table it skips transactions below that table's own
 * position, which its copy already contains.
 */
public record SnapshotResult(Map<TableId, TableSnapshot> tables) {

    public SnapshotResult {
        tables = Map.copyOf(tables);
    }

    /** The table whose copy is consistent with the earliest position; empty when no table was requested. */
    public Optional<TableSnapshot> earliest() {
        return tables.values().stream().min(Comparator.comparing(TableSnapshot::binlogPosition));
    }

    /** Where streaming starts: the earliest table position's map (file, pos, optionally gtids). */
    public Optional<Map<String, String>> streamStart() {
        return earliest().map(TableSnapshot::position);
    }

    public Optional<BinlogPosition> streamStartPosition() {
        return earliest().map(TableSnapshot::binlogPosition);
    }

    public long rowsCopied() {
        return tables.values().stream().mapToLong(TableSnapshot::rows).sum();
    }
}
