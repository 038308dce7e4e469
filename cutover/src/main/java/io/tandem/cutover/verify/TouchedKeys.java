package io.tandem.cutover.verify;

import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.CreateTable;
import io.tandem.engine.change.DropTable;
import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.change.RenameTable;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.SkippedSchemaChange;
import io.tandem.engine.change.SwapInCopy;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.pipeline.ApplyListener;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The primary keys the sink committed since the last verification pass that covered them, per table, so that a
 * later check re-reads only those rows (cost ∝ recent writes, not data size).
 *
 * <p>Fed after each committed batch ({@link ApplyListener}). Each key remembers the generation it was last touched
 * in; {@link #mark()} at the start of a pass opens a new generation, and {@link #covered(long)} once that pass found
 * everything equal forgets what is older. Ordering invariant: a key recorded in a generation before the mark was
 * committed on the target before the pass began, so the pass read it; a key committed before the mark but heard
 * after it lands in the new generation and is simply checked once more.
 *
 * <p>Tables that cannot be followed key by key are <em>dirty</em> (re-checked in full): TRUNCATE, any schema change
 * (create, alter, rename, drop, a skipped DDL), a dead-lettered row (no row change follows it), every change of a
 * table without a primary key (its rows have no identity; it is compared as a multiset), and, to bound memory, the
 * table holding the most keys whenever all tables together would hold more than {@code maxKeys}.
 */
public final class TouchedKeys implements ApplyListener {

    /** What to re-check: keys (target text, key column order) per table, and the tables to re-check in full. */
    public record Snapshot(Map<TableId, List<List<String>>> keys, Set<TableId> dirty) {

        public boolean isEmpty() {
            return keys.isEmpty() && dirty.isEmpty();
        }

        public long keyCount() {
            return keys.values().stream().mapToLong(List::size).sum();
        }
    }

    private final int maxKeys;
    /** Per table: key → the generation it was last touched in. */
    private final Map<TableId, Map<List<String>, Long>> keys = new HashMap<>();
    /** Per dirty table: the generation it was last touched in. */
    private final Map<TableId, Long> dirty = new HashMap<>();
    private long generation;
    private long size;
    private boolean everCovered;
    /** The position of the last batch heard; the sink committed it just before. */
    private volatile SourcePosition lastHeard;

    /** @param maxKeys keys held over all tables ({@code verify.max-tracked-keys}) */
    public TouchedKeys(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive");
        }
        this.maxKeys = maxKeys;
    }

    @Override
    public synchronized void applied(List<ChangeEvent> events, SourcePosition position, long applyNanos) {
        record(events);
        lastHeard = position;
    }

    /**
     * Whether the batch committed at {@code position} has been recorded. The sink's commit is visible on the target
     * a moment before it is told here, so a check right after the target showed a batch waits for this first.
     */
    public boolean heard(SourcePosition position) {
        return position.equals(lastHeard);
    }

    private void record(List<ChangeEvent> events) {
        for (ChangeEvent event : events) {
            if (event instanceof RowChange row) {
                rowChanged(row);
            } else if (event instanceof TruncateTable truncate) {
                markDirty(truncate.table().source());
            } else if (event instanceof CreateTable create) {
                markDirty(create.table().source());
            } else if (event instanceof DropTable drop) {
                markDirty(drop.table().source());
            } else if (event instanceof AlterTable alter) {
                markDirty(alter.before().source());
                markDirty(alter.after().source());
            } else if (event instanceof RenameTable rename) {
                markDirty(rename.before().source());
                markDirty(rename.after().source());
            } else if (event instanceof SkippedSchemaChange skipped) {
                markDirty(skipped.table());
            } else if (event instanceof SwapInCopy swap) {
                markDirty(swap.copied().source());
            } else if (event instanceof PolicyApplied policy) {
                if (policy.deadLettered()) {
                    markDirty(policy.table().source());
                }
            } else if (event instanceof Heartbeat || event instanceof FenceToken || event instanceof TransactionEnd) {
                // tandem's own control rows and transaction boundaries: no application row changed.
            } else {
                throw new IllegalStateException("unhandled change event " + event.getClass().getSimpleName());
            }
        }
    }

    /** Starts a new generation: what is applied from now on is kept past {@link #covered(long)} of this mark. */
    public synchronized long mark() {
        return ++generation;
    }

    /**
     * A pass that began at {@code mark} found every table equal (it re-read everything touched before the mark):
     * forget what was touched before it.
     */
    public synchronized void covered(long mark) {
        everCovered = true;
        for (var table = keys.entrySet().iterator(); table.hasNext(); ) {
            Map<List<String>, Long> tableKeys = table.next().getValue();
            int before = tableKeys.size();
            tableKeys.values().removeIf(touched -> touched < mark);
            size -= before - tableKeys.size();
            if (tableKeys.isEmpty()) {
                table.remove();
            }
        }
        dirty.values().removeIf(touched -> touched < mark);
    }

    /**
     * Both sides were found equal at this instant (a cutover's verify step passed at its fence, before the reverse
     * stream applied anything): only what is applied from now on needs re-checking.
     */
    public synchronized void equalNow() {
        covered(mark());
    }

    /**
     * Nothing is known of what changed before now (tandem restarted after a cutover): every one of {@code tables}
     * is re-checked in full, which makes a re-check complete again.
     */
    public synchronized void unknownBefore(Collection<TableId> tables) {
        everCovered = true;
        tables.forEach(this::markDirty);
    }

    /** Whether some pass has called {@link #covered(long)}: before that, the keys alone prove nothing. */
    public synchronized boolean everCovered() {
        return everCovered;
    }

    /** A copy of what is to be re-checked now (every generation). */
    public synchronized Snapshot snapshot() {
        Map<TableId, List<List<String>>> copy = new LinkedHashMap<>();
        keys.forEach((table, tableKeys) -> copy.put(table, new ArrayList<>(tableKeys.keySet())));
        return new Snapshot(copy, Set.copyOf(dirty.keySet()));
    }

    private void rowChanged(RowChange row) {
        TargetTable table = row.table();
        if (!table.hasPrimaryKey()) {
            markDirty(table.source());
            return;
        }
        // An update may change the key: the old key must then be gone from the target, the new one present.
        if (row.before() != null) {
            touch(table, row.before());
        }
        if (row.after() != null) {
            touch(table, row.after());
        }
    }

    private void touch(TargetTable table, String[] values) {
        TableId id = table.source();
        if (dirty.containsKey(id)) {
            dirty.put(id, generation);
            return;
        }
        List<String> key = new ArrayList<>(table.primaryKey().size());
        for (String column : table.primaryKey()) {
            key.add(values[table.columnIndex(column)]);
        }
        Long previous = keys.computeIfAbsent(id, t -> new HashMap<>()).put(Collections.unmodifiableList(key),
                generation);
        if (previous == null && ++size > maxKeys) {
            markDirty(largest());
        }
    }

    private TableId largest() {
        TableId largest = null;
        int most = -1;
        for (Map.Entry<TableId, Map<List<String>, Long>> table : keys.entrySet()) {
            if (table.getValue().size() > most) {
                most = table.getValue().size();
                largest = table.getKey();
            }
        }
        return largest;
    }

    private void markDirty(TableId table) {
        Map<List<String>, Long> dropped = keys.remove(table);
        if (dropped != null) {
            size -= dropped.size();
        }
        dirty.put(table, generation);
    }
}
