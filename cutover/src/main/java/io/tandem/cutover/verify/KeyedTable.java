package io.tandem.cutover.verify;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.snapshot.CopiedRows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a table with a primary key, chunk by chunk, then rechecks the chunks holding differing rows in fresh
 * rounds ({@link DiffTracker}).
 *
 * <p>Chunks follow the source's primary key order (the source's index serves each range). When the key's order is
 * the same on both servers ({@link CompareSql#rangeComparable()}), a chunk is a key range on both sides and one
 * full join finds differing, missing and extra rows. A text key is ordered by the source's collation (case- and
 * often trailing-space-insensitive), which PostgreSQL cannot reproduce: its source chunks are matched with the
 * target rows of exactly their keys, which finds differing and missing rows, and a second walk along the target's
 * own key order looks up each target key on the source to find the extra ones.
 */
final class KeyedTable {

    /** A range of keys: bounds as raw source keys (source walk) and as value text (both walks); null = open. */
    private record Chunk(int id, boolean targetWalk, Object[] lowerRaw, String[] lower, Object[] upperRaw,
                         String[] upper) {
    }

    /** What one run of a chunk produced: rows compared, the differing rows, and the range's end. */
    private record Run(long rows, Map<String, Observation> differing, Object[] lastRaw, String[] last) {
    }

    private final TableCheck check;
    private final CompareSql sql;
    private final CopiedRows rows;
    private final String table;
    private final DiffTracker tracker = new DiffTracker();
    private final Map<Integer, Chunk> chunks = new HashMap<>();
    private int nextChunk;
    private long compared;

    KeyedTable(TableCheck check, CompareSql sql, CopiedRows rows) {
        this.check = check;
        this.sql = sql;
        this.rows = rows;
        this.table = check.table();
        if (!sql.rangeComparable()) {
            sql.requireKeyModeSupported();
        }
    }

    DiffTracker run() throws SQLException, InterruptedException {
        walkSource();
        if (!sql.rangeComparable()) {
            walkTarget();
        }
        if (check.settled()) {
            tracker.confirmPending();
        }
        for (int round = 0; round < check.recheckRounds() && tracker.hasPending(); round++) {
            for (int id : tracker.pendingChunks()) {
                Chunk chunk = chunks.get(id);
                Run run = chunk.targetWalk() ? targetChunk(chunk, false) : sourceChunk(chunk, false);
                tracker.recheck(id, run.differing());
            }
        }
        tracker.finish();
        return tracker;
    }

    long rowsCompared() {
        return compared;
    }

    private void walkSource() throws SQLException, InterruptedException {
        Object[] lowerRaw = null;
        String[] lower = null;
        while (true) {
            Chunk open = new Chunk(nextChunk++, false, lowerRaw, lower, null, null);
            Run run = sourceChunk(open, true);
            // A full chunk ends at its last key; a short one reached the table's end and stays open above.
            boolean full = run.rows() >= check.chunkRows();
            Chunk chunk = full ? new Chunk(open.id(), false, lowerRaw, lower, run.lastRaw(), run.last()) : open;
            record(chunk, run);
            compared += run.rows();
            check.compared(run.rows());
            if (!full) {
                return;
            }
            lowerRaw = run.lastRaw();
            lower = run.last();
        }
    }

    private void walkTarget() throws SQLException, InterruptedException {
        String[] lower = null;
        while (true) {
            Chunk open = new Chunk(nextChunk++, true, null, lower, null, null);
            Run run = targetChunk(open, true);
            if (run.last() == null) {
                return;
            }
            Chunk chunk = new Chunk(open.id(), true, null, lower, null, run.last());
            record(chunk, run);
            if (run.rows() < check.chunkRows()) {
                return;
            }
            lower = run.last();
        }
    }

    private void record(Chunk chunk, Run run) {
        if (!run.differing().isEmpty()) {
            chunks.put(chunk.id(), chunk);
            run.differing().values().forEach(o -> tracker.firstSeen(chunk.id(), o));
        }
    }

    /**
     * Stages the chunk's source rows read in one consistent snapshot, waits for the target to catch up with that
     * snapshot, and compares.
     *
     * @param first whether this is the chunk's first run (it then takes {@code chunkRows} rows and finds its end)
     */
    private Run sourceChunk(Chunk chunk, boolean first) throws SQLException, InterruptedException {
        StageCopy stage = check.target().beginStage(sql);
        // The range's last key so far: raw for the source's next range, as text for the target's. A dead-lettered
        // row (not on the target) moves only the raw one; the target range then simply ends at the row before it.
        Object[][] lastRaw = {chunk.lowerRaw()};
        String[][] last = {chunk.lower()};
        int[] key = keyIndexes();
        int read;
        BinlogPosition position;
        try {
            position = check.beginSnapshot();
            read = rows.readRange(check.source(), chunk.lowerRaw(), chunk.upperRaw(),
                    first ? check.chunkRows() : Integer.MAX_VALUE, (values, raw) -> {
                        lastRaw[0] = raw;
                        if (values != null) {
                            stage.row(values);
                            last[0] = pick(values, key);
                        }
                    });
            check.endSnapshot();
            stage.finish();
        } catch (SQLException | RuntimeException e) {
            stage.cancel(e);
            check.target().rollbackQuietly(e);
            throw e;
        }
        if (first && read >= check.chunkRows() && last[0] == null) {
            // Every row so far was dead-lettered: no key to end the target range at. The next chunk's target range
            // then starts unbounded, so it covers whatever the target holds here.
            check.target().endChunk();
            return new Run(read, Map.of(), lastRaw[0], null);
        }
        check.awaitTarget(position);
        boolean rangeMode = sql.rangeComparable();
        Map<String, Observation> differing = new LinkedHashMap<>();
        String[] upper = first ? (read >= check.chunkRows() ? last[0] : null) : chunk.upper();
        String statement = rangeMode ? sql.compareRange(chunk.lower() != null, upper != null) : sql.compareKeys();
        try (PreparedStatement compare = check.target().prepare(statement)) {
            int parameter = 1;
            if (rangeMode) {
                parameter = bind(compare, parameter, chunk.lower());
                parameter = bind(compare, parameter, upper);
            }
            compare.setInt(parameter, DiffTracker.MAX_TRACKED + 1);
            collect(table, sql, compare, differing);
        }
        check.target().endChunk();
        return new Run(read, differing, lastRaw[0], last[0]);
    }

    /**
     * The target's keys in a range of its own order, looked up on the source in one consistent snapshot; once the
     * target has caught up with it, the target rows of that range without a source row are extra.
     */
    private Run targetChunk(Chunk chunk, boolean first) throws SQLException, InterruptedException {
        List<String[]> forSource = new ArrayList<>();
        String[] last = null;
        try (PreparedStatement keys = check.target().prepare(sql.targetKeys(chunk.lower() != null, !first))) {
            int parameter = bind(keys, 1, chunk.lower());
            parameter = first ? parameter : bind(keys, parameter, chunk.upper());
            keys.setInt(parameter, first ? check.chunkRows() : Integer.MAX_VALUE);
            try (ResultSet rs = keys.executeQuery()) {
                int width = sql.key().length;
                while (rs.next()) {
                    String[] text = new String[width];
                    String[] source = new String[width];
                    for (int k = 0; k < width; k++) {
                        text[k] = rs.getString(2 * k + 1);
                        source[k] = rs.getString(2 * k + 2);
                    }
                    forSource.add(source);
                    last = text;
                }
            }
        }
        check.target().endChunk();
        if (last == null) {
            return new Run(0, Map.of(), null, null);
        }
        BinlogPosition position = check.stageSourceRows(sql, rows, forSource);
        check.awaitTarget(position);
        Map<String, Observation> extra = new LinkedHashMap<>();
        String[] upper = first ? last : chunk.upper();
        try (PreparedStatement compare = check.target().prepare(sql.extraRows(chunk.lower() != null))) {
            int parameter = bind(compare, 1, chunk.lower());
            parameter = bind(compare, parameter, upper);
            compare.setInt(parameter, DiffTracker.MAX_TRACKED + 1);
            try (ResultSet rs = compare.executeQuery()) {
                int width = sql.written().length;
                while (rs.next()) {
                    List<String> target = new ArrayList<>(width);
                    for (int i = 1; i <= width; i++) {
                        target.add(rs.getString(i));
                    }
                    Observation o = Observation.of(table, sql, null, target);
                    extra.put(o.key(), o);
                }
            }
        }
        check.target().endChunk();
        return new Run(forSource.size(), extra, null, last);
    }

    /** Reads a comparison's result rows ({@link CompareSql#compareRange}, …) into observations by key. */
    static void collect(String table, CompareSql sql, PreparedStatement compare, Map<String, Observation> differing)
            throws SQLException {
        int width = sql.written().length;
        try (ResultSet rs = compare.executeQuery()) {
            while (rs.next()) {
                String[] values = new String[2 * width];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rs.getString(i + 3);
                }
                Observation o = Observation.of(table, sql, rs.getBoolean(1), rs.getBoolean(2), values);
                differing.put(o.key(), o);
            }
        }
    }

    /** Indexes into a row (aligned with the target's columns) of the key columns. */
    private int[] keyIndexes() {
        int[] indexes = new int[sql.key().length];
        for (int k = 0; k < indexes.length; k++) {
            indexes[k] = sql.written()[sql.key()[k]];
        }
        return indexes;
    }

    private static String[] pick(String[] values, int[] indexes) {
        String[] picked = new String[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            picked[i] = values[indexes[i]];
        }
        return picked;
    }

    private static int bind(PreparedStatement statement, int first, String[] values) throws SQLException {
        int parameter = first;
        if (values != null) {
            for (String value : values) {
                statement.setString(parameter++, value);
            }
        }
        return parameter;
    }
}
