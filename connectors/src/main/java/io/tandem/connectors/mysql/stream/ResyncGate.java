package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.resync.Coverage;
import io.tandem.connectors.mysql.resync.TableResyncs;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.DropTable;
import io.tandem.engine.change.SwapInCopy;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.resync.Resync;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where the stream meets the resyncs ({@link TableResyncs}): it drops the changes a table's re-copy holds, and
 * when a copy is committed it swaps it in: the table's definition becomes the copy's, its changes before the copy
 * position are dropped from then on (as after the snapshot), and a {@link SwapInCopy} goes to the sink ahead of
 * the change being decoded. Only the decoder thread uses it.
 */
final class ResyncGate {

    private final TableResyncs resyncs;
    private final ReplicatedTables tables;
    private final SnapshotSkip snapshotSkip;
    /** Swaps and drops done while decoding the current record, as events once its position is known. */
    private final List<Function<SourcePosition, ChangeEvent>> finished = new ArrayList<>();

    /** @param resyncs null when the stream runs without resyncs (a stream tested on its own) */
    ResyncGate(TableResyncs resyncs, ReplicatedTables tables, SnapshotSkip snapshotSkip) {
        this.resyncs = resyncs;
        this.tables = tables;
        this.snapshotSkip = snapshotSkip;
    }

    /** Whether the table's re-copy holds the change at {@code eventStart}; may swap the copy in first. */
    boolean covered(TableId table, BinlogPosition eventStart) {
        if (resyncs == null) {
            return false;
        }
        Coverage coverage = resyncs.coverage(table, eventStart);
        if (coverage instanceof Coverage.SwapFirst swap) {
            swapIn(table, swap.copied());
            return false;
        }
        if (coverage instanceof Coverage.Gone) {
            drop(table);
            return true;
        }
        return coverage instanceof Coverage.Covered;
    }

    /** Swaps in every committed copy, and drops tables the source no longer has, before the next record. */
    void finishReady() {
        if (resyncs == null) {
            return;
        }
        resyncs.ready().forEach((table, coverage) -> {
            if (coverage instanceof Coverage.SwapFirst swap) {
                swapIn(table, swap.copied());
            } else {
                drop(table);
            }
        });
    }

    /** Asks for the table to be copied again; its changes are dropped from now on. */
    void request(TableId table, String reason) {
        if (resyncs == null) {
            throw new IllegalStateException("no resyncs in this stream; cannot re-copy " + table + ": " + reason);
        }
        resyncs.request(table, reason);
    }

    /**
     * Inserts the events of the swaps and drops done since the last call at {@code index} (ahead of the events of
     * the record that caused them), at the record's position.
     */
    void insertFinished(List<ChangeEvent> events, int index, Supplier<SourcePosition> position) {
        if (finished.isEmpty()) {
            return;
        }
        SourcePosition at = position.get();
        List<ChangeEvent> done = finished.stream().map(event -> event.apply(at)).toList();
        finished.clear();
        events.addAll(index, done);
    }

    private void swapIn(TableId table, Resync copied) {
        TargetTable replaced = tables.get(table);
        tables.replace(copied.copied());
        snapshotSkip.copiedAt(table, BinlogPosition.of(copied.copyPosition()));
        finished.add(position -> new SwapInCopy(copied, replaced, position));
        resyncs.handed(table);
    }

    private void drop(TableId table) {
        TargetTable known = tables.drop(table);
        if (known == null) {
            // Nothing on the target to drop with the batch (which would end the resync): end it here.
            resyncs.abandon(table);
            return;
        }
        finished.add(position -> new DropTable(known, position));
        resyncs.handed(table);
    }
}
