package io.tandem.sink.postgres.apply;

import io.tandem.engine.sink.apply.FailedStatement;
import io.tandem.engine.sink.apply.TableWriter;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.sql.IdentityHighWater;
import io.tandem.sink.postgres.sql.TableSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Writes the rows of one table with its {@link TableSql} statements on one batch's connection: set-based
 * statements over {@code text[]} arrays, one physical row by {@code ctid} for tables without a key. After every
 * statement that wrote rows, the table's identity sequences are moved past the keys written
 * ({@link IdentityHighWater}), in the same transaction.
 */
final class PostgresTableWriter implements TableWriter {

    private final Connection connection;
    private final TableSql sql;
    private final int chunkRows;
    private final IdentityHighWater identities;

    PostgresTableWriter(Connection connection, TableSql sql, int chunkRows) {
        this.connection = connection;
        this.sql = sql;
        this.chunkRows = chunkRows;
        this.identities = new IdentityHighWater(sql.table());
    }

    @Override
    public TargetTable table() {
        return sql.table();
    }

    @Override
    public void deleteByKey(List<String[]> keys) throws FailedStatement {
        write("delete", sql.deleteByKey(), keys, keyPositions(sql.key().length));
    }

    @Override
    public void upsert(List<String[]> rows) throws FailedStatement {
        write("upsert", sql.upsert(), rows, sql.written());
        rows.forEach(identities::observe);
        advanceIdentities();
    }

    @Override
    public void insert(List<String[]> rows) throws FailedStatement {
        write("insert", sql.insert(), rows, sql.written());
        rows.forEach(identities::observe);
        advanceIdentities();
    }

    @Override
    public boolean updateOne(String[] before, String[] after) throws FailedStatement {
        // New values first, then the old ones that find the row: the order of the statement's parameters.
        boolean matched = one("update", sql.updateOne(), after, before);
        identities.observe(after);
        advanceIdentities();
        return matched;
    }

    @Override
    public boolean deleteOne(String[] before) throws FailedStatement {
        return one("delete", sql.deleteOne(), before);
    }

    private void write(String operation, String statement, List<String[]> rows, int[] columns)
            throws FailedStatement {
        try {
            ArrayStatements.execute(connection, statement, rows, columns, chunkRows);
        } catch (SQLException e) {
            throw new FailedStatement(operation, sql.table().displayName(), e);
        }
    }

    /** Runs a one-row statement whose parameters are the written columns of each of {@code rows} in turn. */
    private boolean one(String operation, String statement, String[]... rows) throws FailedStatement {
        try (PreparedStatement one = connection.prepareStatement(statement)) {
            int parameter = 1;
            for (String[] row : rows) {
                for (int column : sql.written()) {
                    String value = row[column];
                    if (value == null) {
                        one.setNull(parameter++, Types.VARCHAR);
                    } else {
                        one.setString(parameter++, value);
                    }
                }
            }
            return one.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new FailedStatement(operation, sql.table().displayName(), e);
        }
    }

    private void advanceIdentities() throws FailedStatement {
        try {
            identities.advance(connection);
        } catch (SQLException e) {
            throw new FailedStatement("advance identity", sql.table().displayName(), e);
        }
    }

    /** Key values arrive already in key order: element {@code i} of each is parameter {@code i}. */
    private static int[] keyPositions(int length) {
        int[] columns = new int[length];
        for (int i = 0; i < length; i++) {
            columns[i] = i;
        }
        return columns;
    }
}
