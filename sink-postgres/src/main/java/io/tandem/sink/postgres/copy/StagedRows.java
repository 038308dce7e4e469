package io.tandem.sink.postgres.copy;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.error.SinkFailures;
import io.tandem.sink.postgres.error.SqlStates;
import io.tandem.sink.postgres.state.CanonicalJson;
import io.tandem.sink.postgres.state.DeadLetterTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves a load's staged rows ({@link StagedCopy}) into its table. With dead-lettering, a set the server refuses on
 * bad data is moved again one row at a time, each under a savepoint, so that every refused row is recorded in the
 * dead-letter table with its reason and the rest is copied, all in the load's transaction. Other failures, and
 * any failure without dead-lettering, fail the load.
 */
final class StagedRows {

    private static final int FETCH_ROWS = 1000;

    private final Connection connection;
    private final TargetTable table;
    private final int[] columns;
    private final boolean deadLetter;

    StagedRows(Connection connection, TargetTable table, int[] columns, boolean deadLetter) {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
        this.deadLetter = deadLetter;
    }

    /** @return the number of rows dead-lettered */
    long move(Map<String, String> consistentPosition) throws SQLException {
        Savepoint beforeMove = deadLetter ? connection.setSavepoint() : null;
        try (Statement move = connection.createStatement()) {
            move.execute(StagedCopy.moveIntoTable(table, columns));
            return 0;
        } catch (SQLException e) {
            if (!deadLetter || !SqlStates.isDataError(e)) {
                throw e;
            }
            connection.rollback(beforeMove);
        }
        return moveOneByOne(new SourcePosition(Map.of(), consistentPosition,
                "snapshot copy at " + CanonicalJson.write(consistentPosition)));
    }

    private long moveOneByOne(SourcePosition position) throws SQLException {
        long refused = 0;
        try (PreparedStatement select = connection.prepareStatement(StagedCopy.selectStaged(columns.length));
             PreparedStatement insert = connection.prepareStatement(StagedCopy.insertOne(table, columns))) {
            // A cursor: the staged table may be larger than memory. It was opened before the savepoints below, so
            // rolling back to one of them leaves it open.
            select.setFetchSize(FETCH_ROWS);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String[] values = new String[columns.length];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rows.getString(i + 1);
                    }
                    if (!insertOne(insert, values, position)) {
                        refused++;
                    }
                }
            }
        }
        return refused;
    }

    /** @return false when the row was refused and dead-lettered */
    private boolean insertOne(PreparedStatement insert, String[] values, SourcePosition position) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    insert.setNull(i + 1, Types.VARCHAR);
                } else {
                    insert.setString(i + 1, values[i]);
                }
            }
            insert.executeUpdate();
            connection.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            if (!SqlStates.isDataError(e)) {
                throw e;
            }
            connection.rollback(savepoint);
            String reason = "SQLSTATE " + SqlStates.sqlState(e) + ": " + SinkFailures.serverMessage(e);
            DeadLetterTable.record(connection, table, "insert", rowKey(values), reason, position);
            return false;
        }
    }

    /** The key columns' values (all copied columns' for a table without a key), as the stream's dead letters. */
    private String rowKey(String[] values) {
        Map<String, String> key = new LinkedHashMap<>();
        if (table.hasPrimaryKey()) {
            for (String name : table.primaryKey()) {
                key.put(name, values[stagedIndex(name)]);
            }
        } else {
            for (int i = 0; i < columns.length; i++) {
                key.put(table.columns().get(columns[i]).name(), values[i]);
            }
        }
        return CanonicalJson.write(key);
    }

    private int stagedIndex(String name) {
        for (int i = 0; i < columns.length; i++) {
            if (table.columns().get(columns[i]).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("key column " + name + " is not copied into " + table.displayName());
    }
}
