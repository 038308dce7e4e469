package io.tandem.sink.postgres.sql;

import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Keeps a table's identity sequences (from AUTO_INCREMENT) past the largest key written into them. Rows arrive
 * with their keys, and PostgreSQL advances an identity only when it generates a value, so without this the first
 * INSERT on the target after cutover would be handed key 1 and collide. Collects the largest value per identity
 * column from the rows written, then moves each sequence forward in one statement, never back (a sequence that
 * is already further, for instance after inserts on the target, keeps its value).
 */
public final class IdentityHighWater {

    /** {@code is_called = true}: the next value handed out is one past the largest key. */
    private static final String ADVANCE = "SELECT setval(s.seq, ?, true)"
            + " FROM (SELECT pg_get_serial_sequence(?, ?)::regclass AS seq) s"
            + " WHERE ? > coalesce(pg_sequence_last_value(s.seq), 0)";

    private final String table;
    private final List<TargetColumn> columns;
    private final int[] identityColumns;
    private final long[] largest;
    private final boolean[] seen;

    public IdentityHighWater(TargetTable table) {
        this.table = SqlIdentifiers.qualified(table);
        this.columns = table.columns();
        this.identityColumns = IntStream.range(0, columns.size()).filter(i -> columns.get(i).identity()).toArray();
        this.largest = new long[identityColumns.length];
        this.seen = new boolean[identityColumns.length];
    }

    /** Notes a row written to the table, in table column order. */
    public void observe(String[] row) {
        for (int i = 0; i < identityColumns.length; i++) {
            String value = row[identityColumns[i]];
            if (value != null) {
                long key = Long.parseLong(value);
                if (!seen[i] || key > largest[i]) {
                    largest[i] = key;
                    seen[i] = true;
                }
            }
        }
    }

    /** Moves each identity sequence past the largest key observed since the last call, in this transaction. */
    public void advance(Connection connection) throws SQLException {
        for (int i = 0; i < identityColumns.length; i++) {
            if (!seen[i]) {
                continue;
            }
            try (PreparedStatement statement = connection.prepareStatement(ADVANCE)) {
                statement.setLong(1, largest[i]);
                statement.setString(2, table);
                statement.setString(3, columns.get(identityColumns[i]).name());
                statement.setLong(4, largest[i]);
                statement.executeQuery().close();
            }
            seen[i] = false;
        }
    }
}
