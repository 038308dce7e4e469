package io.tandem.engine.sink.apply;

import io.tandem.engine.change.RowChange;
import io.tandem.engine.transform.TargetIndex;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pending changes of a table with a primary key, reduced to each key's final state: its after-image (upsert) or
 * gone (delete). A key touched again moves to the end, so the map iterates in order of last occurrence.
 *
 * <p>Flush rules:
 * <ul>
 *   <li>Deletes go before upserts. Each key is in one of the two sets only, so for the key the order is moot;
 *       for other unique indexes deleting first can only free values an upsert may need.</li>
 *   <li>When the table has a unique index besides the key, a key already pending flushes the set first.
 *       Reordering upserts (moving a key to its last occurrence) could otherwise write a value into a unique
 *       column before the row that held it on the source had given it up. With each key at most once, upserts
 *       go in source order and deletes earlier, which never collides where the source did not.</li>
 *   <li>When the set reaches {@code chunkRows} keys it is written, which bounds the rows of one statement.</li>
 * </ul>
 */
final class KeyedChanges implements TableChanges {

    /** Marks a key whose final state is deleted (compared by identity). */
    private static final String[] DELETED = new String[0];

    private final TableWriter writer;
    private final int[] key;
    private final int chunkRows;
    private final boolean otherUniqueIndex;
    private final Map<RowKey, String[]> pending = new LinkedHashMap<>();

    KeyedChanges(TableWriter writer, int chunkRows) {
        this.writer = writer;
        this.key = ColumnIndexes.primaryKey(writer.table());
        this.chunkRows = chunkRows;
        this.otherUniqueIndex = writer.table().indexes().stream().anyMatch(TargetIndex::unique);
    }

    @Override
    public TargetTable table() {
        return writer.table();
    }

    @Override
    public void add(RowChange change) throws FailedStatement {
        RowKey before = change.before() == null ? null : RowKey.of(change.before(), key);
        RowKey after = change.after() == null ? null : RowKey.of(change.after(), key);
        if (otherUniqueIndex && (pending.containsKey(before) || pending.containsKey(after))) {
            flush();
        }
        if (before != null && !before.equals(after)) {
            // A delete, or an update that moved the row to another key: the old key is gone.
            put(before, DELETED);
        }
        if (after != null) {
            put(after, change.after());
        }
        if (pending.size() >= chunkRows) {
            flush();
        }
    }

    @Override
    public void flush() throws FailedStatement {
        if (pending.isEmpty()) {
            return;
        }
        List<String[]> deletes = new ArrayList<>();
        List<String[]> upserts = new ArrayList<>(pending.size());
        for (Map.Entry<RowKey, String[]> entry : pending.entrySet()) {
            if (entry.getValue() == DELETED) {
                deletes.add(entry.getKey().values());
            } else {
                upserts.add(entry.getValue());
            }
        }
        pending.clear();
        if (!deletes.isEmpty()) {
            writer.deleteByKey(deletes);
        }
        if (!upserts.isEmpty()) {
            writer.upsert(upserts);
        }
    }

    private void put(RowKey key, String[] state) {
        // Remove first: re-inserting an existing key would keep its first position in a LinkedHashMap.
        pending.remove(key);
        pending.put(key, state);
    }
}
