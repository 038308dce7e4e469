package io.tandem.connectors.mysql.snapshot;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.model.TableId;
import java.util.Map;
import java.util.Objects;

/**
 * One table's copy.
 *
 * @param position the position map committed with the copy: {@code file}, {@code pos} and, when the server has
 *     them, {@code gtids}
 * @param rows rows copied in this run; 0 for a table whose copy committed in an earlier run
 * @param copiedNow false for a table the target already had as completed
 */
public record TableSnapshot(TableId table, Map<String, String> position, long rows, boolean copiedNow) {

    public TableSnapshot {
        Objects.requireNonNull(table, "table");
        position = Map.copyOf(position);
    }

    /** The binlog position this table's copy is consistent with; stream events on it below this are in the copy. */
    public BinlogPosition binlogPosition() {
        return BinlogPosition.of(position);
    }
}
