package io.tandem.cutover.mysql;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.engine.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Moves every replicated table's AUTO_INCREMENT counter past the largest value in its column before the failback
 * opens MySQL (CUTOVER.md F6), the mirror of the cutover's sequence step: the reverse stream inserted PostgreSQL's
 * rows with their ids, and the application's first insert on MySQL must not collide with one of them.
 *
 * <p>InnoDB raises the counter itself when a row arrives with a larger explicit id, so this is mostly an
 * assertion; it sets the counter only where it is not past the maximum (never lowers it, so an id handed out once
 * is not handed out again), then reads it back and fails when it is still not past. {@code ALTER TABLE …
 * AUTO_INCREMENT} changes only metadata on MySQL 8 and MariaDB 10.x+; it runs while MySQL is frozen, before the
 * log position forward replication will resume from, so forward replication never sees it.
 */
public final class AutoIncrementSync {

    /** One table's AUTO_INCREMENT column and what the sync found and did. */
    public record Setting(TableId table, String column, OptionalLong maxValue, long counterBefore, long counterAfter,
                          boolean changed) {
        public Setting {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }

        @Override
        public String toString() {
            return table + "." + column + ": max " + (maxValue.isPresent() ? String.valueOf(maxValue.getAsLong())
                    : "none (empty)") + ", AUTO_INCREMENT " + counterBefore
                    + (changed ? " -> " + counterAfter : " kept");
        }
    }

    /**
     * Every AUTO_INCREMENT column of some databases with its table's counter, in one query: it runs inside the
     * failback's write pause, and information_schema answers a query per table slowly (MariaDB opens each table
     * anew), so the schema is filtered on both sides of the join, which it can push down.
     */
    private static final String COUNTERS = "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, t.AUTO_INCREMENT"
            + " FROM information_schema.COLUMNS c JOIN information_schema.TABLES t"
            + " ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME"
            + " WHERE c.EXTRA LIKE '%auto_increment%' AND c.TABLE_SCHEMA IN (%s) AND t.TABLE_SCHEMA IN (%s)";

    private final List<TableId> tables;

    public AutoIncrementSync(List<TableId> tables) {
        this.tables = List.copyOf(tables);
    }

    /** Runs on {@code connection} (an account that may write while MySQL is read-only); returns every setting. */
    public List<Setting> sync(Connection connection) throws SQLException {
        freshStatistics(connection);
        Map<TableId, Counter> counters = counters(connection);
        List<Setting> settings = new ArrayList<>();
        for (TableId table : tables) {
            Counter counter = counters.get(table);
            if (counter == null) {
                continue;
            }
            OptionalLong max = max(connection, table, counter.column());
            boolean behind = max.isPresent() && counter.next() <= max.getAsLong();
            if (behind) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ALTER TABLE " + MySqlNames.quote(table) + " AUTO_INCREMENT = "
                            + Math.addExact(max.getAsLong(), 1));
                }
            }
            long after = behind ? counters(connection).get(table).next() : counter.next();
            if (max.isPresent() && after <= max.getAsLong()) {
                throw new SQLException("the AUTO_INCREMENT counter of " + table + " is " + after + " after setting it"
                        + " past the largest " + counter.column() + " " + max.getAsLong());
            }
            settings.add(new Setting(table, counter.column(), max, counter.next(), after, behind));
        }
        return settings;
    }

    private record Counter(String column, long next) {
    }

    /** The AUTO_INCREMENT column and counter of every table of the replicated databases that has one. */
    private Map<TableId, Counter> counters(Connection connection) throws SQLException {
        List<String> databases = tables.stream().map(TableId::database).distinct().toList();
        Map<TableId, Counter> counters = new HashMap<>();
        if (databases.isEmpty()) {
            return counters;
        }
        String marks = String.join(", ", Collections.nCopies(databases.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement(COUNTERS.replace("%s", marks))) {
            for (int i = 0; i < databases.size(); i++) {
                select.setString(1 + i, databases.get(i));
                select.setString(1 + databases.size() + i, databases.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long next = row.getLong(4);
                    counters.put(new TableId(row.getString(1), row.getString(2)),
                            new Counter(row.getString(3), row.wasNull() ? 1 : next));
                }
            }
        }
        return counters;
    }

    private static OptionalLong max(Connection connection, TableId table, String column) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT MAX(" + MySqlNames.quote(column) + ") FROM "
                     + MySqlNames.quote(table))) {
            row.next();
            long max = row.getLong(1);
            return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(max);
        }
    }

    /**
     * MySQL 8 caches {@code information_schema.TABLES.AUTO_INCREMENT} for a day by default; the session setting
     * makes it current. MariaDB has no such cache (and no such variable).
     */
    private static void freshStatistics(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM information_schema.SESSION_VARIABLES"
                     + " WHERE VARIABLE_NAME = 'INFORMATION_SCHEMA_STATS_EXPIRY'")) {
            row.next();
            if (row.getLong(1) > 0) {
                statement.execute("SET SESSION information_schema_stats_expiry = 0"); // untested here: MySQL 8 only
            }
        }
    }
}
