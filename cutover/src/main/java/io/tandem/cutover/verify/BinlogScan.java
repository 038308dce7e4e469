package io.tandem.cutover.verify;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads the source's binary log between two positions ({@code SHOW BINLOG EVENTS}, which the engine account may
 * run with its REPLICATION SLAVE grant) to tell whether anything replicated happened there.
 *
 * <p>Why: the stored offset is the start of the last transaction the target applied, and it moves only when a
 * replicated change arrives. On a source where nothing replicated was written since, it stays below the position of
 * a new snapshot forever, although the target holds everything that snapshot sees.
 */
final class BinlogScan {

    private static final int PAGE = 1000;

    /** How many events one check reads at most; beyond it the target is simply not caught up yet. */
    static final int MAX_EVENTS = 50_000;

    private final Set<String> databases;
    private final Predicate<TableId> replicated;

    /**
     * @param databases the replicated databases (a DDL there counts as a change)
     * @param replicated whether a table's rows are replicated
     */
    BinlogScan(Set<String> databases, Predicate<TableId> replicated) {
        this.databases = Set.copyOf(databases);
        this.replicated = replicated;
    }

    /**
     * Whether the events from {@code from} up to {@code to} hold no replicated change.
     *
     * @param skipFirstGroup whether the transaction (or statement) starting at {@code from} is already applied
     * @return false also when the range is longer than {@link #MAX_EVENTS} events
     */
    boolean quietBetween(Connection connection, BinlogPosition from, boolean skipFirstGroup, BinlogPosition to)
            throws SQLException {
        boolean inFirstGroup = skipFirstGroup;
        int read = 0;
        String file = from.file();
        long pos = from.pos();
        List<String> files = null;
        while (true) {
            List<Event> page = page(connection, file, pos);
            for (Event event : page) {
                if (!new BinlogPosition(file, event.pos()).isBefore(to)) {
                    return true;
                }
                if (inFirstGroup) {
                    inFirstGroup = !event.endsGroup();
                } else if (event.changes(databases, replicated)) {
                    return false;
                }
                pos = event.end();
            }
            read += page.size();
            if (read > MAX_EVENTS) {
                return false;
            }
            if (page.size() < PAGE) {
                if (files == null) {
                    files = files(connection);
                }
                int next = files.indexOf(file) + 1;
                if (next <= 0 || next >= files.size() || !new BinlogPosition(files.get(next), 4).isBefore(to)) {
                    return true;
                }
                file = files.get(next);
                pos = 4;
            }
        }
    }

    private static List<Event> page(Connection connection, String file, long pos) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement show = connection.prepareStatement("SHOW BINLOG EVENTS IN ? FROM ? LIMIT ?")) {
            show.setString(1, file);
            show.setLong(2, pos);
            show.setInt(3, PAGE);
            try (ResultSet rs = show.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getLong("Pos"), rs.getLong("End_log_pos"), rs.getString("Event_type"),
                            rs.getString("Info")));
                }
            }
        }
        return events;
    }

    private static List<String> files(Connection connection) throws SQLException {
        List<String> files = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        return files;
    }

    /** One event as SHOW BINLOG EVENTS prints it. */
    record Event(long pos, long end, String type, String info) {

        /** A commit: an XID event, or a COMMIT or DDL statement (DDL commits implicitly). */
        boolean endsGroup() {
            if (type.equalsIgnoreCase("Xid")) {
                return true;
            }
            return type.equalsIgnoreCase("Query") && !statement().equals("BEGIN");
        }

        /**
         * A row event's table map naming a replicated table, or a statement other than BEGIN/COMMIT that runs in a
         * replicated database or names none (a DDL whose database the log does not say counts, to be safe).
         */
        boolean changes(Set<String> databases, Predicate<TableId> replicated) {
            if (type.equalsIgnoreCase("Table_map")) {
                TableId table = mappedTable(info);
                return table == null || replicated.test(table);
            }
            if (type.equalsIgnoreCase("Query")) {
                String statement = statement();
                if (statement.equals("BEGIN") || statement.equals("COMMIT")) {
                    return false;
                }
                String database = useDatabase(info);
                return database == null || databases.contains(database);
            }
            return false;
        }

        private String statement() {
            String text = info == null ? "" : info.trim();
            int semicolon = text.startsWith("use ") ? text.indexOf("; ") : -1;
            return (semicolon >= 0 ? text.substring(semicolon + 2) : text).trim().toUpperCase(Locale.ROOT);
        }

        /** {@code table_id: 71 (shop.item)} → shop.item; database names hold no dot. */
        static TableId mappedTable(String info) {
            if (info == null) {
                return null;
            }
            int open = info.indexOf('(');
            int close = info.lastIndexOf(')');
            if (open < 0 || close < open) {
                return null;
            }
            String name = info.substring(open + 1, close);
            int dot = name.indexOf('.');
            return dot <= 0 ? null : new TableId(name.substring(0, dot), name.substring(dot + 1));
        }

        /** {@code use `shop`; ALTER TABLE …} → shop, or null without a {@code use}. */
        static String useDatabase(String info) {
            if (info == null || !info.startsWith("use `")) {
                return null;
            }
            int end = info.indexOf("`;", 5);
            return end < 0 ? null : info.substring(5, end).replace("``", "`");
        }
    }
}
