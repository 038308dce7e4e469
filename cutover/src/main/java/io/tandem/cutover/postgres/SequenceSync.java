package io.tandem.cutover.postgres;

import io.tandem.sink.postgres.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Moves every identity and serial sequence of the replicated tables past the largest value in its column, in one
 * transaction, before the application may insert (CUTOVER.md C6): replicated rows arrive with their keys, and a
 * sequence advances only when it hands out a value, so without this the application's first INSERT could collide.
 *
 * <p>A sequence is only ever moved forward: one whose next value is already past the maximum (rows deleted since,
 * or advanced by the sink's own high-water mark) keeps it, so a key the source once gave out is not handed out
 * again, just as InnoDB does not reuse AUTO_INCREMENT values. An empty table's sequence is left where it is (a
 * fresh one starts at its start value). After each change the next value is read back and asserted to be past the
 * maximum; every outcome is returned for the cutover's report.
 *
 * <p>Each table is locked {@code IN SHARE MODE} (reads go on, writes wait) while its maximum is read and its
 * sequence set, with {@code lock_timeout} bounding the wait, so a writer the fence missed cannot slip a larger key
 * in between. Safe to run again: a second run changes nothing.
 */
public final class SequenceSync {

    /** One identity/serial column and what the sync found and did. */
    public record Setting(TargetTableName table, String column, String sequence, OptionalLong maxValue,
                          long nextBefore, long nextAfter, boolean changed) {
        public Setting {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(sequence, "sequence");
            Objects.requireNonNull(maxValue, "maxValue");
        }

        @Override
        public String toString() {
            return table + "." + column + " (" + sequence + "): max "
                    + (maxValue.isPresent() ? String.valueOf(maxValue.getAsLong()) : "none (empty)")
                    + ", next " + nextBefore + (changed ? " -> " + nextAfter : " kept");
        }
    }

    /** Columns with a sequence behind them; the column name is passed literally, the table parsed as SQL. */
    private static final String COLUMNS = "SELECT a.attname, pg_get_serial_sequence(?, a.attname)"
            + " FROM pg_attribute a WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped"
            + " AND pg_get_serial_sequence(?, a.attname) IS NOT NULL ORDER BY a.attnum";
    private static final String SEQUENCE = "SELECT seqstart, seqincrement, seqmax, pg_sequence_last_value(seqrelid)"
            + " FROM pg_sequence WHERE seqrelid = ?::regclass";
    private static final String SETVAL = "SELECT setval(?::regclass, ?, true)";

    private final List<TargetTableName> tables;
    private final Duration lockTimeout;

    /**
     * @param tables every replicated table
     * @param lockTimeout how long to wait for each table's lock before failing the step
     */
    public SequenceSync(List<TargetTableName> tables, Duration lockTimeout) {
        this.tables = List.copyOf(tables);
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
    }

    /** Reads what {@link #sync} would do, changing nothing: the precomputed plan (P7) and the check after a crash. */
    public List<Setting> inspect(Connection connection) throws SQLException {
        List<Setting> settings = new ArrayList<>();
        for (TargetTableName table : tables) {
            for (String[] column : sequenceColumns(connection, table)) {
                OptionalLong max = max(connection, table, column[0]);
                Next next = nextValue(connection, column[1]);
                boolean behind = max.isPresent() && next.value() <= max.getAsLong();
                long after = behind ? max.getAsLong() + next.increment() : next.value();
                settings.add(new Setting(table, column[0], column[1], max, next.value(), after, behind));
            }
        }
        return settings;
    }

    /** True when every sequence's next value is past its column's maximum. */
    public boolean isSynced(Connection connection) throws SQLException {
        return inspect(connection).stream().noneMatch(Setting::changed);
    }

    /**
     * Sets every sequence past its column's maximum in one transaction and returns what it found and did.
     *
     * @throws SQLException when a lock is not granted within the timeout, a sequence is descending, or it would
     *     run past its maximum value; the transaction is rolled back and no sequence moved
     */
    public List<Setting> sync(Connection connection) throws SQLException {
        return InTransaction.run(connection, c -> {
            try (PreparedStatement timeout = c.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
                timeout.setString(1, Math.max(1, lockTimeout.toMillis()) + "ms");
                timeout.executeQuery().close();
            }
            List<Setting> settings = new ArrayList<>();
            for (TargetTableName table : tables) {
                List<String[]> columns = sequenceColumns(c, table);
                if (columns.isEmpty()) {
                    continue;
                }
                try (Statement lock = c.createStatement()) {
                    lock.execute("LOCK TABLE " + table.sql() + " IN SHARE MODE");
                }
                for (String[] column : columns) {
                    settings.add(syncOne(c, table, column[0], column[1]));
                }
            }
            return settings;
        });
    }

    private static Setting syncOne(Connection connection, TargetTableName table, String column, String sequence)
            throws SQLException {
        OptionalLong max = max(connection, table, column);
        long before = nextValue(connection, sequence).value();
        if (max.isEmpty() || before > max.getAsLong()) {
            return new Setting(table, column, sequence, max, before, before, false);
        }
        try (PreparedStatement setval = connection.prepareStatement(SETVAL)) {
            setval.setString(1, sequence);
            setval.setLong(2, max.getAsLong());
            setval.executeQuery().close();
        }
        long after = nextValue(connection, sequence).value();
        if (after <= max.getAsLong()) {
            throw new SQLException("sequence " + sequence + " of " + table + "." + column + " would still hand out "
                    + after + " after setval to the column's maximum " + max.getAsLong());
        }
        return new Setting(table, column, sequence, max, before, after, true);
    }

    /** Each {@code {column, sequence}} of the table that has an identity or serial sequence. */
    private static List<String[]> sequenceColumns(Connection connection, TargetTableName table) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, table.sql());
            statement.setString(2, table.sql());
            statement.setString(3, table.sql());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return columns;
    }

    private static OptionalLong max(Connection connection, TargetTableName table, String column) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT max(" + SqlIdentifiers.quote(column) + ") FROM " + table.sql())) {
            rs.next();
            long max = rs.getLong(1);
            return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(max);
        }
    }

    /**
     * The value the sequence's next {@code nextval} returns, without calling it: its start value before first use,
     * else the last value plus the increment.
     */
    private static Next nextValue(Connection connection, String sequence) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SEQUENCE)) {
            statement.setString(1, sequence);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no sequence " + sequence);
                }
                long start = rs.getLong(1);
                long increment = rs.getLong(2);
                long maxValue = rs.getLong(3);
                long last = rs.getLong(4);
                boolean used = !rs.wasNull();
                if (increment <= 0) {
                    throw new SQLException("sequence " + sequence + " counts down (increment " + increment
                            + "); tandem only syncs ascending sequences, set it by hand");
                }
                if (!used) {
                    return new Next(start, increment);
                }
                if (last > maxValue - increment) {
                    throw new SQLException("sequence " + sequence + " is exhausted: last value " + last
                            + ", maximum " + maxValue + "; widen it (ALTER SEQUENCE … MAXVALUE) before the cutover");
                }
                return new Next(last + increment, increment);
            }
        }
    }

    private record Next(long value, long increment) {
    }
}
