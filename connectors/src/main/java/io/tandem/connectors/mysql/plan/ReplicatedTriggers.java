package io.tandem.connectors.mysql.plan;

import io.tandem.engine.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The triggers declared on tables tandem replicates, from {@code information_schema.TRIGGERS}, for what {@code
 * tandem plan} says about the way back: MySQL fires them for every row the reverse stream writes after a cutover.
 * The server lists only the triggers the account may see (the TRIGGER privilege).
 */
public final class ReplicatedTriggers {

    /** @param timing BEFORE or AFTER; @param event INSERT, UPDATE or DELETE */
    public record Trigger(String database, String table, String name, String timing, String event) {
    }

    private static final String SQL = "SELECT EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_TIMING,"
            + " EVENT_MANIPULATION FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA IN (%s)"
            + " ORDER BY EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME";

    private ReplicatedTriggers() {
    }

    /** The triggers on {@code tables}, by database, table and name. */
    public static List<Trigger> on(Connection connection, Collection<TableId> tables) throws SQLException {
        Set<String> databases = new TreeSet<>();
        tables.forEach(table -> databases.add(table.database()));
        List<Trigger> triggers = new ArrayList<>();
        if (databases.isEmpty()) {
            return triggers;
        }
        String sql = SQL.formatted(String.join(",", Collections.nCopies(databases.size(), "?")));
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            for (String database : databases) {
                select.setString(index++, database);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (tables.contains(new TableId(rows.getString(1), rows.getString(2)))) {
                        triggers.add(new Trigger(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5)));
                    }
                }
            }
        }
        return triggers;
    }
}
