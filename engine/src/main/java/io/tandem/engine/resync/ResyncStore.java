package io.tandem.engine.resync;

import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.SnapshotTarget.TableLoad;
import io.tandem.engine.transform.TargetTable;
import java.util.List;

/**
 * Where re-copies are recorded and built, in the target database. A request is durable before the stream drops
 * any change of its table; a copy commits its rows aside together with its phase {@code COPIED}, so a crash
 * anywhere either finds the copy whole or copies again. The swap into place is a stream event
 * ({@link io.tandem.engine.change.SwapInCopy}) committed with the stream position.
 */
public interface ResyncStore {

    /**
     * Records a request in a transaction of its own and returns it; a table whose request still waits for its
     * copy gets that one back, since one copy taken later covers both.
     */
    Resync request(TableId table, String reason);

    /** Ends a resync without swapping its copy in (a later request supersedes it); drops what its copy built. */
    void abandon(Resync resync);

    /** Resyncs not yet swapped in, oldest first. */
    List<Resync> unfinished();

    /** The latest resyncs of any phase, newest first. */
    List<Resync> recent(int limit);

    /**
     * Opens the copy of {@code table} (its definition now, mapped) into the resync's staging schema, dropping what
     * an interrupted attempt left there. Committing the load records the resync {@code COPIED} with the position,
     * this definition and the row count, in the same transaction as the rows.
     */
    TableLoad beginCopy(Resync resync, TargetTable table);
}
