package io.tandem.cutover.verify;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.snapshot.CopiedRows;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the rows of a keyed table with the listed primary keys only (the keys the sink applied since the last
 * pass covered them, {@link TouchedKeys}), {@value #CHUNK_KEYS} keys at a time: the source rows of those keys read
 * in one consistent snapshot ({@code WHERE (pk…) IN (…)}, values bound) and staged on the target, then compared with
 * the target rows of the same keys once the target caught up with the snapshot. Missing, extra and differing rows
 * are found as a full pass finds them, and differing ones are re-read in fresh rounds ({@link DiffTracker}); when
 * both sides hold still ({@link TableCheck#settled()}) the one round is exact.
 *
 * <p>Listed keys are the text the sink received; the target converts them as the sink does, and also turns them
 * into text the source compares with its key columns, so the same conversion decides both sides' keys. Keys that
 * cannot be looked up on the source that way (binary, bit, or {@code using}-converted key columns) make the
 * constructor throw {@link UnsupportedOperationException}: the caller compares such a table in full.
 */
final class ListedKeysTable {

    static final int CHUNK_KEYS = 1000;

    private final TableCheck check;
    private final CompareSql sql;
    private final CopiedRows rows;
    private final List<List<List<String>>> chunks = new ArrayList<>();
    /** Each chunk's keys as source text, kept for its rechecks. */
    private final Map<Integer, List<String[]>> sourceKeys = new HashMap<>();
    private final DiffTracker tracker = new DiffTracker();
    private long compared;

    ListedKeysTable(TableCheck check, CompareSql sql, CopiedRows rows, List<List<String>> keys) {
        sql.requireKeyModeSupported();
        this.check = check;
        this.sql = sql;
        this.rows = rows;
        for (int from = 0; from < keys.size(); from += CHUNK_KEYS) {
            chunks.add(keys.subList(from, Math.min(keys.size(), from + CHUNK_KEYS)));
        }
    }

    DiffTracker run() throws SQLException, InterruptedException {
        for (int id = 0; id < chunks.size(); id++) {
            Map<String, Observation> differing = compareChunk(id);
            compared += chunks.get(id).size();
            check.compared(chunks.get(id).size());
            int chunk = id;
            differing.values().forEach(o -> tracker.firstSeen(chunk, o));
        }
        if (check.settled()) {
            tracker.confirmPending();
        }
        for (int round = 0; round < check.recheckRounds() && tracker.hasPending(); round++) {
            for (int id : tracker.pendingChunks()) {
                tracker.recheck(id, compareChunk(id));
            }
        }
        tracker.finish();
        return tracker;
    }

    /** Keys re-checked (first rounds). */
    long rowsCompared() {
        return compared;
    }

    private Map<String, Observation> compareChunk(int id) throws SQLException, InterruptedException {
        List<String[]> forSource = sourceKeys.get(id);
        if (forSource == null) {
            forSource = toSourceText(chunks.get(id));
            sourceKeys.put(id, forSource);
        }
        BinlogPosition position = check.stageSourceRows(sql, rows, forSource);
        check.awaitTarget(position);
        Map<String, Observation> differing = new LinkedHashMap<>();
        try (PreparedStatement compare = check.target().prepare(sql.compareListed())) {
            int parameter = bindKeys(compare, chunks.get(id));
            compare.setInt(parameter, DiffTracker.MAX_TRACKED + 1);
            KeyedTable.collect(check.table(), sql, compare, differing);
        }
        check.target().endChunk();
        return differing;
    }

    /** The keys as text the source compares with its key columns, converted on the target. */
    private List<String[]> toSourceText(List<List<String>> keys) throws SQLException {
        List<String[]> converted = new ArrayList<>(keys.size());
        try (PreparedStatement convert = check.target().prepare(sql.listedKeysForSource())) {
            bindKeys(convert, keys);
            try (ResultSet rs = convert.executeQuery()) {
                int width = sql.key().length;
                while (rs.next()) {
                    String[] key = new String[width];
                    for (int k = 0; k < width; k++) {
                        key[k] = rs.getString(k + 1);
                    }
                    converted.add(key);
                }
            }
        }
        check.target().endChunk();
        return converted;
    }

    /** One {@code text[]} per key column; returns the next parameter index. */
    private int bindKeys(PreparedStatement statement, List<List<String>> keys) throws SQLException {
        int width = sql.key().length;
        for (int k = 0; k < width; k++) {
            String[] column = new String[keys.size()];
            for (int i = 0; i < column.length; i++) {
                column[i] = keys.get(i).get(k);
            }
            Array array = statement.getConnection().createArrayOf("text", column);
            statement.setArray(k + 1, array);
        }
        return width + 1;
    }
}
