package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.model.TableId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drops the binlog changes that a table's snapshot copy already contains. The copier copies table T inside a
 * consistent snapshot taken at binlog position P_T, and streaming starts at the smallest P_T, so for every other
 * table it first replays changes the copy has.
 *
 * <p>P_T is a transaction boundary ({@code SHOW MASTER STATUS} inside the snapshot): every event of a transaction
 * committed before the snapshot starts before P_T, every event of a later one at or after it, since the binlog
 * writes each transaction contiguously at commit. Comparing an event's own start position (the {@code source}
 * struct's {@code file}/{@code pos}) with P_T therefore drops exactly the transactions in the copy: row events,
 * TRUNCATEs and DDL alike.
 */
final class SnapshotSkip {

    private final Map<TableId, BinlogPosition> snapshotPositions;
    private final AtomicLong skipped = new AtomicLong();

    SnapshotSkip(Map<TableId, BinlogPosition> snapshotPositions) {
        this.snapshotPositions = Map.copyOf(snapshotPositions);
    }

    /** True, and counted, when the event at {@code eventStart} on {@code table} is already in the table's copy. */
    boolean alreadyCopied(TableId table, BinlogPosition eventStart) {
        BinlogPosition copiedAt = snapshotPositions.get(table);
        if (copiedAt != null && eventStart.isBefore(copiedAt)) {
            skipped.incrementAndGet();
            return true;
        }
        return false;
    }

    long skipped() {
        return skipped.get();
    }
}
