package io.tandem.sink.mysql.apply;

import io.tandem.engine.sink.apply.FailedStatement;
import io.tandem.engine.sink.apply.TableWriter;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.mysql.sql.MySqlTableSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the rows of one MySQL table on one connection, inside the caller's transaction (the session is set up by
 * {@link io.tandem.sink.mysql.sql.MySqlSession}; nothing here commits).
 *
 * <p>Multi-row statements are cut into chunks of at most {@link MySqlTableSql#rowsPerStatement()} rows and about
 * {@link #MAX_CHUNK_CHARS} characters of values, so a statement stays under MySQL's placeholder limit and the
 * server's {@code max_allowed_packet}; one row larger than that still goes alone.
 *
 * <p>An upsert that MySQL's {@code ON DUPLICATE KEY UPDATE} could have merged into a different row (see
 * {@link MySqlTableSql#upsertMayMerge()}) is checked right after it: the rows stored under the written keys are
 * counted by their exact keys and must all be there. Otherwise the upsert fails with SQLSTATE 23000,
 * naming the table and its unique keys, and the caller's rollback undoes it: PostgreSQL holds two rows where
 * MySQL's keys can hold only one, and overwriting the other row would lose it silently.
 */
public final class MySqlTableWriter implements TableWriter {

    /** Characters of values one multi-row statement carries at most (well below a 16 MiB packet). */
    static final int MAX_CHUNK_CHARS = 4 * 1024 * 1024;

    private final Connection connection;
    private final MySqlTableSql sql;
    private final int[] written;
    private final int[] key;

    public MySqlTableWriter(Connection connection, MySqlTableSql sql) {
        this.connection = connection;
        this.sql = sql;
        this.written = sql.written();
        this.key = sql.key();
    }

    @Override
    public TargetTable table() {
        return sql.table();
    }

    @Override
    public void deleteByKey(List<String[]> keys) throws FailedStatement {
        try {
            for (List<String[]> chunk : chunks(keys, sql.keysPerStatement())) {
                try (PreparedStatement delete = connection.prepareStatement(sql.deleteByKey(chunk.size()))) {
                    bindKeys(delete, 1, chunk);
                    delete.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new FailedStatement("delete", sql.displayName(), e);
        }
    }

    @Override
    public void upsert(List<String[]> rows) throws FailedStatement {
        try {
            for (List<String[]> chunk : chunks(rows, sql.rowsPerStatement())) {
                try (PreparedStatement upsert = connection.prepareStatement(sql.upsert(chunk.size()))) {
                    bindRows(upsert, chunk);
                    upsert.executeUpdate();
                }
                if (sql.upsertMayMerge()) {
                    checkLanded(chunk);
                }
            }
        } catch (SQLException e) {
            throw new FailedStatement("upsert", sql.displayName(), e);
        }
    }

    @Override
    public void insert(List<String[]> rows) throws FailedStatement {
        try {
            for (List<String[]> chunk : chunks(rows, sql.rowsPerStatement())) {
                try (PreparedStatement insert = connection.prepareStatement(sql.insert(chunk.size()))) {
                    bindRows(insert, chunk);
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new FailedStatement("insert", sql.displayName(), e);
        }
    }

    @Override
    public boolean updateOne(String[] before, String[] after) throws FailedStatement {
        try (PreparedStatement update = connection.prepareStatement(sql.updateOne())) {
            int parameter = bindRow(update, 1, after);
            for (int i = 0; i < written.length; i++) {
                sql.value(i).bind(update, parameter++, before[written[i]]);
            }
            // The session counts found rows, so a row set to the values it already had still counts 1.
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new FailedStatement("update", sql.displayName(), e);
        }
    }

    @Override
    public boolean deleteOne(String[] before) throws FailedStatement {
        try (PreparedStatement delete = connection.prepareStatement(sql.deleteOne())) {
            for (int i = 0; i < written.length; i++) {
                sql.value(i).bind(delete, i + 1, before[written[i]]);
            }
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new FailedStatement("delete", sql.displayName(), e);
        }
    }

    /**
     * Counts the upserted chunk's keys stored exactly, byte for byte: each must be there. A key missing means its
     * row went into another row, through a unique key, or through a key collation that matched {@code 'A'} to the
     * stored {@code 'a'}: MySQL merged two rows PostgreSQL keeps apart.
     */
    private void checkLanded(List<String[]> rows) throws SQLException {
        // A key written twice in one chunk (the later row wins, as ON DUPLICATE KEY UPDATE applies them in order)
        // is one stored row.
        Set<List<String>> distinct = new LinkedHashSet<>();
        for (String[] row : rows) {
            String[] keyValues = new String[key.length];
            for (int k = 0; k < key.length; k++) {
                keyValues[k] = row[key[k]];
            }
            distinct.add(Arrays.asList(keyValues));
        }
        List<String[]> keys = distinct.stream().map(k -> k.toArray(String[]::new)).toList();
        long landed;
        try (PreparedStatement select = connection.prepareStatement(sql.landedCheck(keys.size()))) {
            int next = bindKeys(select, 1, keys);
            bindKeys(select, next, keys);
            try (ResultSet count = select.executeQuery()) {
                count.next();
                landed = count.getLong(1);
            }
        }
        if (landed != keys.size()) {
            throw new SQLIntegrityConstraintViolationException("ON DUPLICATE KEY UPDATE on " + sql.displayName()
                    + " put " + (keys.size() - landed) + " of " + keys.size() + " row(s) into a different stored"
                    + " row: through a unique key"
                    + (sql.uniqueKeys().isEmpty() ? "" : " (" + String.join(", ", sql.uniqueKeys()) + ")")
                    + " or a primary key whose collation ignores case or trailing spaces. PostgreSQL holds these"
                    + " rows apart and MySQL can hold only one of them, so replication stops instead of merging them",
                    "23000", 1062);
        }
    }

    private void bindRows(PreparedStatement statement, List<String[]> rows) throws SQLException {
        int parameter = 1;
        for (String[] row : rows) {
            parameter = bindRow(statement, parameter, row);
        }
    }

    private int bindRow(PreparedStatement statement, int first, String[] row) throws SQLException {
        int parameter = first;
        for (int i = 0; i < written.length; i++) {
            sql.value(i).bind(statement, parameter++, row[written[i]]);
        }
        return parameter;
    }

    /** Binds the keys from parameter {@code first} on; returns the next parameter's number. */
    private int bindKeys(PreparedStatement statement, int first, List<String[]> keys) throws SQLException {
        int parameter = first;
        for (String[] keyValues : keys) {
            for (int k = 0; k < key.length; k++) {
                sql.keyValue(k).bind(statement, parameter++, keyValues[k]);
            }
        }
        return parameter;
    }

    /** Consecutive chunks of at most {@code maxRows} rows and about {@link #MAX_CHUNK_CHARS} characters. */
    static List<List<String[]>> chunks(List<String[]> rows, int maxRows) {
        List<List<String[]>> chunks = new ArrayList<>();
        int start = 0;
        long chars = 0;
        for (int i = 0; i < rows.size(); i++) {
            long size = size(rows.get(i));
            if (i > start && (i - start == maxRows || chars + size > MAX_CHUNK_CHARS)) {
                chunks.add(rows.subList(start, i));
                start = i;
                chars = 0;
            }
            chars += size;
        }
        if (start < rows.size()) {
            chunks.add(rows.subList(start, rows.size()));
        }
        return chunks;
    }

    private static long size(String[] row) {
        long chars = 0;
        for (String value : row) {
            chars += value == null ? 4 : value.length();
        }
        return chars;
    }
}
