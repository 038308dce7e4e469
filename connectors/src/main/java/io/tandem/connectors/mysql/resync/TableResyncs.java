package io.tandem.connectors.mysql.resync;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.pipeline.Failpoint;
import io.tandem.engine.resync.Resync;
import io.tandem.engine.resync.ResyncStore;
import io.tandem.engine.status.SnapshotProgressTracker;
import io.tandem.engine.status.TableProgress;
import io.tandem.engine.transform.TargetTable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resyncs of one forward run: requests (from a statement tandem cannot translate, or from an operator), a
 * copier thread that re-copies the tables one at a time ({@link TableCopier}), and what each one means for the
 * stream's next change of its table ({@link #coverage}).
 *
 * <p>Why this is exact. Once a request is recorded, the stream drops the table's changes: a copy whose snapshot
 * starts later holds them. The copier announces its snapshot before it starts it, so a change read before that
 * announcement is certainly before the snapshot's position; after it, the stream waits for the position and drops
 * exactly the changes before it. The table's first change at or after the position waits until the copy is
 * committed aside; then the copy is swapped in by a stream event, ahead of that change, in the stream's own batch.
 * Changes of other tables go on until the stream reaches that change; from there everything waits behind it (the
 * stream is one ordered sequence), for at most the rest of the copy.
 *
 * <p>Requests and copies are durable ({@link ResyncStore}); a new run picks up what the last one left.
 */
public final class TableResyncs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TableResyncs.class);

    /** Finished resyncs kept for the status. */
    private static final int RECENT = 20;
    /** How long a waiting stream sleeps between checks that the run is still open. */
    private static final long WAIT_MILLIS = 500;

    /** Crash-test points: the copy's snapshot is taken; rows are being copied (every 1024); the copy committed. */
    private static final Failpoint SNAPSHOT_TAKEN = Failpoint.named("resync-snapshot-taken");
    private static final Failpoint COPYING_ROWS = Failpoint.named("resync-copying-rows");
    private static final Failpoint COPIED = Failpoint.named("resync-copied");

    private enum Phase { WAITING, BEGINNING, COPYING, COPIED, GONE, FAILED }

    /** One unfinished resync; guarded by the owner's monitor. */
    private static final class Entry {
        private Resync resync;
        private Phase phase;
        private BinlogPosition copyPosition;
        private Instant streamHeldSince;
        private String failure;
        /** A request made once this one's copy was taken: copied after this one is swapped in. */
        private Resync next;

        private Entry(Resync resync) {
            this.resync = resync;
            this.phase = resync.phase() == Resync.Phase.COPIED ? Phase.COPIED : Phase.WAITING;
            this.copyPosition = resync.copyPosition() == null ? null : BinlogPosition.of(resync.copyPosition());
        }
    }

    private final ResyncStore store;
    private final TableCopier recopy;
    private final Function<SourceTable, TargetTable> mapping;
    private final SnapshotProgressTracker progress;
    private final Clock clock;
    private final Map<TableId, Entry> entries = new LinkedHashMap<>();
    /**
     * Whether {@link #entries} is empty, readable without the lock: the stream asks about every change it reads,
     * and almost always there is no resync at all.
     */
    private volatile boolean idle = true;
    private final Deque<ResyncStatus> finished = new ArrayDeque<>();
    private final Thread copier;
    private volatile boolean closed;

    /**
     * @param mapping the target definition of a copied table from its source definition (called on the copier
     *     thread; the mapper's names are synchronized)
     * @param progress where the copier reports rows, one entry per table
     */
    public TableResyncs(ResyncStore store, TableCopier recopy, Function<SourceTable, TargetTable> mapping,
                        SnapshotProgressTracker progress, Clock clock) {
        this.store = store;
        this.recopy = recopy;
        this.mapping = mapping;
        this.progress = progress;
        this.clock = clock;
        this.copier = new Thread(this::copyLoop, "tandem-resync");
        copier.setDaemon(true);
    }

    /** Picks up the unfinished resyncs the target holds, then starts copying. */
    public void start() {
        List<Resync> unfinished = new ArrayList<>(store.unfinished());
        // A request that waits beside a copy that was never swapped in supersedes it: the stream resumes before
        // that swap, and a copy taken for the request holds everything the older one does.
        for (Resync resync : List.copyOf(unfinished)) {
            boolean superseded = resync.phase() == Resync.Phase.COPIED && unfinished.stream().anyMatch(other ->
                    other.table().equals(resync.table()) && other.phase() == Resync.Phase.REQUESTED);
            if (superseded) {
                store.abandon(resync);
                unfinished.remove(resync);
            }
        }
        synchronized (this) {
            unfinished.forEach(resync -> entries.put(resync.table(), new Entry(resync)));
            idle = entries.isEmpty();
        }
        if (!unfinished.isEmpty()) {
            LOG.info("Resuming {} resync(s): {}", unfinished.size(),
                    unfinished.stream().map(r -> r.table() + " (" + r.phase() + ")").toList());
        }
        copier.start();
    }

    /**
     * Records a request and returns it once it is durable; the table's unfinished resync if it has one. From the
     * return on, the stream drops the table's changes until its copy is swapped in.
     */
    public Resync request(TableId table, String reason) {
        Resync resync = store.request(table, reason);
        synchronized (this) {
            Entry entry = entries.get(table);
            if (entry == null) {
                entries.put(table, new Entry(resync));
                idle = false;
                LOG.warn("Re-copying {} from the source while the other tables keep streaming: {}", table, reason);
            } else if (entry.resync.id() != resync.id()) {
                // This one's copy is taken already and may predate the reason: copy again after its swap.
                entry.next = resync;
                LOG.warn("Re-copying {} again once its current copy is swapped in: {}", table, reason);
            }
            notifyAll();
        }
        return resync;
    }

    /**
     * What a resync means for the change of {@code table} whose event starts at {@code eventStart}; called by the
     * stream for every change of every table, in stream order. Waits while the copy's snapshot is starting, and
     * while the change follows the copy position and the copy is not committed yet.
     *
     * @throws IllegalStateException when the table's copy failed
     * @throws CancellationException when the run closes while waiting
     */
    public Coverage coverage(TableId table, BinlogPosition eventStart) {
        return idle ? Coverage.NONE : coverageOf(table, eventStart);
    }

    private synchronized Coverage coverageOf(TableId table, BinlogPosition eventStart) {
        Entry entry = entries.get(table);
        if (entry == null) {
            return Coverage.NONE;
        }
        while (true) {
            switch (entry.phase) {
                case WAITING:
                    return Coverage.COVERED;
                case BEGINNING:
                    break;
                case COPYING:
                    if (eventStart.isBefore(entry.copyPosition)) {
                        return Coverage.COVERED;
                    }
                    if (entry.streamHeldSince == null) {
                        entry.streamHeldSince = clock.instant();
                        LOG.info("The stream reached {}:{}, past the copy position of {}; it waits for the copy",
                                eventStart.file(), eventStart.pos(), table);
                    }
                    break;
                case COPIED:
                    return eventStart.isBefore(entry.copyPosition) ? Coverage.COVERED
                            : new Coverage.SwapFirst(entry.resync);
                case GONE:
                    return new Coverage.Gone();
                case FAILED:
                    throw failed(entry);
                default:
                    throw new IllegalStateException("unknown resync phase " + entry.phase);
            }
            await(table);
        }
    }

    /**
     * Resyncs the stream can finish now, whatever change comes next: copies committed aside (to swap in) and tables
     * the source no longer has (to drop). Throws when a copy failed, so the stream stops at once.
     */
    public Map<TableId, Coverage> ready() {
        return idle ? Map.of() : readyNow();
    }

    private synchronized Map<TableId, Coverage> readyNow() {
        Map<TableId, Coverage> ready = new LinkedHashMap<>();
        for (Map.Entry<TableId, Entry> each : entries.entrySet()) {
            Entry entry = each.getValue();
            switch (entry.phase) {
                case COPIED -> ready.put(each.getKey(), new Coverage.SwapFirst(entry.resync));
                case GONE -> ready.put(each.getKey(), new Coverage.Gone());
                case FAILED -> throw failed(entry);
                default -> {
                    // still to be copied
                }
            }
        }
        return ready;
    }

    /** The stream has handed the table's swap (or drop) to the sink, which records the resync done with it. */
    public synchronized void handed(TableId table) {
        Entry entry = entries.remove(table);
        if (entry == null) {
            return;
        }
        if (entry.next != null) {
            entries.put(table, new Entry(entry.next));
            notifyAll();
        }
        idle = entries.isEmpty();
        Instant held = entry.streamHeldSince;
        if (held != null) {
            LOG.info("The stream waited {} ms for the copy of {}", clock.millis() - held.toEpochMilli(), table);
        }
        finished.addFirst(status(entry, entry.phase == Phase.GONE ? "dropped" : "swapped"));
        while (finished.size() > RECENT) {
            finished.removeLast();
        }
    }

    /** Ends the table's resync without a swap: the source no longer has the table, and the target never had it. */
    public void abandon(TableId table) {
        Entry entry;
        synchronized (this) {
            entry = entries.get(table);
        }
        if (entry != null) {
            store.abandon(entry.resync);
            handed(table);
        }
    }

    /** Whether any resync is unfinished; the cutover waits for none. */
    public synchronized boolean busy() {
        return !entries.isEmpty();
    }

    /** Unfinished resyncs first (oldest first), then the latest finished ones of this run. */
    public synchronized List<ResyncStatus> status() {
        List<ResyncStatus> all = new ArrayList<>();
        for (Entry entry : entries.values()) {
            all.add(status(entry, entry.phase.name().toLowerCase(Locale.ROOT)));
        }
        all.addAll(finished);
        return all;
    }

    private ResyncStatus status(Entry entry, String phase) {
        TableProgress copied = progress.tables().stream()
                .filter(table -> table.table().equals(entry.resync.table().toString())).findFirst().orElse(null);
        String position = entry.copyPosition == null ? null : entry.copyPosition.file() + ":" + entry.copyPosition.pos();
        long rows = entry.resync.phase() == Resync.Phase.REQUESTED && copied != null ? copied.rowsDone()
                : entry.resync.rows();
        return new ResyncStatus(entry.resync.id(), entry.resync.table(), entry.resync.reason(),
                "beginning".equals(phase) ? "copying" : phase, entry.resync.requestedAt(), position, rows,
                copied == null ? 0 : copied.rowsEstimated(), entry.streamHeldSince, entry.failure);
    }

    @Override
    public void close() {
        closed = true;
        copier.interrupt();
        synchronized (this) {
            notifyAll();
        }
    }

    private void copyLoop() {
        while (!closed) {
            Entry next;
            synchronized (this) {
                next = entries.values().stream().filter(entry -> entry.phase == Phase.WAITING).findFirst()
                        .orElse(null);
                if (next == null) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            }
            copy(next);
        }
    }

    private void copy(Entry entry) {
        TableCopier.Moments moments = new TableCopier.Moments() {
            @Override
            public void snapshotStarting() {
                synchronized (TableResyncs.this) {
                    entry.phase = Phase.BEGINNING;
                }
            }

            @Override
            public void snapshotTaken(BinlogPosition position) {
                synchronized (TableResyncs.this) {
                    entry.phase = Phase.COPYING;
                    entry.copyPosition = position;
                    TableResyncs.this.notifyAll();
                }
                SNAPSHOT_TAKEN.reach();
            }
        };
        try {
            TableCopier.Outcome outcome = recopy.copy(entry.resync, mapping, moments, () -> {
                COPYING_ROWS.reach();
                return closed;
            });
            COPIED.reach();
            synchronized (this) {
                if (outcome instanceof TableCopier.Copied copied) {
                    entry.resync = copied.resync();
                    entry.phase = Phase.COPIED;
                } else {
                    LOG.warn("{} no longer exists on the source; its target table is dropped", entry.resync.table());
                    entry.phase = Phase.GONE;
                }
                notifyAll();
            }
        } catch (Exception | Error e) {
            if (closed) {
                return;
            }
            LOG.error("The re-copy of {} failed", entry.resync.table(), e);
            synchronized (this) {
                entry.phase = Phase.FAILED;
                entry.failure = String.valueOf(e.getMessage());
                notifyAll();
            }
        }
    }

    private void await(TableId table) {
        if (closed) {
            throw new CancellationException("stopped while the stream waited for the re-copy of " + table);
        }
        try {
            wait(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while the stream waited for the re-copy of " + table);
        }
    }

    private static IllegalStateException failed(Entry entry) {
        return new IllegalStateException("the re-copy of " + entry.resync.table() + " (resync " + entry.resync.id()
                + ", " + entry.resync.reason() + ") failed: " + entry.failure + "; replication stops, and the next "
                + "start copies the table again");
    }
}
