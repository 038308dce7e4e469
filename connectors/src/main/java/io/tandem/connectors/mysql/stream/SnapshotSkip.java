package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.model.TableId;
import java.util.HashMap;
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
 *
 * <p>A table copied again while streaming (a resync, {@link ResyncGate}) gets its new copy position once the copy
 * is swapped in; until then the gate decides for its changes.
 */
final class SnapshotSkip {

    private final Map<TableId, BinlogPosition> snapshotPositions;
    private final AtomicLong skipped = new AtomicLong();
    private ResyncGate resyncs;

    SnapshotSkip(Map<TableId, BinlogPosition> snapshotPositions) {
        this.snapshotPositions = new HashMap<>(snapshotPositions);
    }

    /** Lets {@code gate} decide first for tables being copied again; set once, before the stream starts. */
    void consult(ResyncGate gate) {
        this.resyncs = gate;
    }

    /** True, and counted, when the event at {@code eventStart} on {@code table} is already in the table's copy. */
    boolean alreadyCopied(TableId table, BinlogPosition eventStart) {
        if (resyncs != null && resyncs.covered(table, eventStart)) {
            skipped.incrementAndGet();
            return true;
        }
        BinlogPosition copiedAt = snapshotPositions.get(table);
        if (copiedAt != null && eventStart.isBefore(copiedAt)) {
            skipped.incrementAndGet();
            return true;
        }
        return false;
    }

    /** The table was copied again, consistent with {@code position}: its earlier changes are in that copy. */
    void copiedAt(TableId table, BinlogPosition position) {
        snapshotPositions.put(table, position);
    }

    long skipped() {
        return skipped.get();
    }
}
