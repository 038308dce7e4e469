package io.tandem.sink.postgres.apply;

import io.tandem.engine.change.RowChange;
import io.tandem.engine.sink.apply.FailedStatement;
import io.tandem.sink.postgres.sql.IdentityHighWater;
import io.tandem.sink.postgres.sql.TableSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes of a table without a primary key. Rows have no identity but their values, and identical rows may
 * exist, so every update and delete touches exactly one physical row that has the old values, in source order.
 *
 * <p>Flush rules: a run of consecutive inserts is kept and written as one statement (appends commute with each
 * other); any update or delete first writes that run, since it may target a row the run adds.
 */
final class KeylessChanges implements TableChanges {

    private static final Logger LOG = LoggerFactory.getLogger(KeylessChanges.class);

    private final Connection connection;
    private final TableSql sql;
    private final int chunkRows;
    private final List<String[]> inserts = new ArrayList<>();
    private final IdentityHighWater identities;

    KeylessChanges(Connection connection, TableSql sql, int chunkRows) {
        this.connection = connection;
        this.sql = sql;
        this.identities = new IdentityHighWater(sql.table());
        this.chunkRows = chunkRows;
    }

    @Override
    public TableSql sql() {
        return sql;
    }

    @Override
    public void add(RowChange change) throws FailedStatement {
        switch (change.op()) {
            case INSERT -> {
                inserts.add(change.after());
                if (inserts.size() >= chunkRows) {
                    flush();
                }
            }
            case UPDATE -> {
                flush();
                one("update", sql.updateOne(), change, change.after(), change.before());
                identities.observe(change.after());
                advanceIdentities();
            }
            case DELETE -> {
                flush();
                one("delete", sql.deleteOne(), change, change.before());
            }
        }
    }

    @Override
    public void flush() throws FailedStatement {
        if (inserts.isEmpty()) {
            return;
        }
        try {
            ArrayStatements.execute(connection, sql.insert(), inserts, sql.written(), chunkRows);
            inserts.forEach(identities::observe);
        } catch (SQLException e) {
            throw new FailedStatement("insert", sql.table().displayName(), e);
        } finally {
            inserts.clear();
        }
        advanceIdentities();
    }

    private void advanceIdentities() throws FailedStatement {
        try {
            identities.advance(connection);
        } catch (SQLException e) {
            throw new FailedStatement("advance identity", sql.table().displayName(), e);
        }
    }

    /** Runs a one-row statement whose parameters are the written columns of each of {@code rows} in turn. */
    private void one(String operation, String statement, RowChange change, String[]... rows)
            throws FailedStatement {
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
            if (one.executeUpdate() == 0) {
                // The target lacks a row the source had: they already differ. Say so (without the values), but
                // keep going: failing would stop replication over a difference that verification will report.
                LOG.warn("{} on {} found no matching row at source position {}", operation,
                        sql.table().displayName(), change.position().description());
            }
        } catch (SQLException e) {
            throw new FailedStatement(operation, sql.table().displayName(), e);
        }
    }
}
