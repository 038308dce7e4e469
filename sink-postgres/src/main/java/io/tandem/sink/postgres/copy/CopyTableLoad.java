package io.tandem.sink.postgres.copy;

import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.pipeline.Failpoint;
import io.tandem.engine.sink.BadRowPolicy;
import io.tandem.engine.sink.DeadLetterListener;
import io.tandem.engine.sink.SnapshotTarget.TableLoad;
import io.tandem.engine.sink.apply.Rollback;
import io.tandem.engine.sink.apply.ValuePolicyTally;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.ValuePolicyListener;
import io.tandem.sink.postgres.ddl.TableDdl;
import io.tandem.sink.postgres.error.SinkFailures;
import io.tandem.sink.postgres.sql.IdentityHighWater;
import io.tandem.sink.postgres.sql.SqlIdentifiers;
import io.tandem.sink.postgres.sql.TableSql;
import io.tandem.sink.postgres.state.DeadLetterTable;
import io.tandem.sink.postgres.state.SnapshotMarks;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table's copy: {@code TRUNCATE}, then {@code COPY ... FROM STDIN} fed row by row, then the completion mark, all
 * in one transaction on one connection held for the whole load. A table with a column overridden by an expression
 * is copied through a temporary table instead ({@link StagedCopy}), in the same transaction.
 */
final class CopyTableLoad implements TableLoad {

    private static final Logger LOG = LoggerFactory.getLogger(CopyTableLoad.class);

    /** Refused rows held before they are written, which bounds memory when a table refuses many rows. */
    static final int REFUSED_BATCH = 1000;

    private final TargetTable table;
    private final int[] columns;
    private final Connection connection;
    /** Replaced when refused rows are written between two COPYs of the same transaction. */
    private CopyIn copy;
    private final CopyTextEncoder encoder;
    /** Moves the staged rows into the table, or null for a direct copy. */
    private final StagedRows staged;
    /** The COPY statement, run again after refused rows are recorded between two COPYs. */
    private final String copySql;
    private final DeadLetterListener deadLetters;
    private final ValuePolicyListener valuePolicies;
    private final ValuePolicyTally policies = new ValuePolicyTally();
    /**
     * Rows refused by a value policy, not yet recorded: the connection carries nothing else while a COPY is open.
     * At most {@link #REFUSED_BATCH} are held; then the COPY ends, they are recorded, and a new COPY continues in
     * the same transaction.
     */
    private final List<PolicyApplied> refused = new ArrayList<>();
    private final IdentityHighWater identities;
    private final CopyCompletion completion;
    private long rows;
    private boolean committed;
    private boolean closed;

    private CopyTableLoad(TargetTable table, int[] columns, Connection connection, CopyIn copy, String copySql,
                          StagedRows staged, DeadLetterListener deadLetters, ValuePolicyListener valuePolicies,
                          int bufferBytes, CopyCompletion completion) {
        this.table = table;
        this.completion = completion;
        this.columns = columns;
        this.connection = connection;
        this.copy = copy;
        this.copySql = copySql;
        this.staged = staged;
        this.deadLetters = deadLetters;
        this.valuePolicies = valuePolicies;
        this.encoder = new CopyTextEncoder(bufferBytes, (bytes, offset, length) -> this.copy.writeToCopy(bytes,
                offset, length));
        this.identities = new IdentityHighWater(table);
    }

    /**
     * Empties the table and opens the COPY. The truncate also makes {@code FREEZE} legal: rows loaded into a table
     * truncated in the same transaction are written already frozen and all-visible, which spares the first vacuum
     * from rewriting every page of a freshly copied table.
     */
    static CopyTableLoad begin(DataSource pool, TargetTable table, CopySettings settings) {
        return begin(pool, table, settings, connection -> { },
                (connection, position, rows) -> SnapshotMarks.mark(connection, table.source(), position, rows));
    }

    /**
     * @param setup runs first in the copy's transaction (a resync creates its staging table there, so that a copy
     *     interrupted at any point leaves nothing behind)
     * @param completion records what the copy completes, in its transaction, just before the commit
     */
    static CopyTableLoad begin(DataSource pool, TargetTable table, CopySettings settings, CopySetup setup,
                               CopyCompletion completion) {
        Connection connection = null;
        try {
            connection = pool.getConnection();
            setup.run(connection);
            try (Statement truncate = connection.createStatement()) {
                truncate.execute(TableDdl.truncateTable(table));
            }
            int[] columns = TableSql.of(table).written();
            boolean deadLetter = settings.onBadRow() == BadRowPolicy.DEAD_LETTER;
            StagedRows staged = null;
            String copySql = copySql(table, columns);
            if (StagedCopy.needed(table, columns, deadLetter)) {
                try (Statement stage = connection.createStatement()) {
                    stage.execute(StagedCopy.createStage(columns.length));
                }
                copySql = StagedCopy.copyIntoStage();
                staged = new StagedRows(connection, table, columns, deadLetter);
            }
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
            return new CopyTableLoad(table, columns, connection, copy, copySql, staged, settings.deadLetters(),
                    settings.valuePolicies(), settings.bufferBytes(), completion);
        } catch (SQLException e) {
            if (connection != null) {
                Rollback.keepingCause(connection, e);
                closeQuietly(connection, e);
            }
            throw SinkFailures.of("begin copy", table.displayName(), null, e);
        }
    }

    @Override
    public void row(String[] values) {
        requireOpen();
        if (values.length != table.columns().size()) {
            throw new IllegalArgumentException(table.displayName() + " has " + table.columns().size()
                    + " columns, row has " + values.length);
        }
        try {
            encoder.row(values, columns);
            identities.observe(values);
            rows++;
        } catch (SQLException e) {
            throw SinkFailures.of("copy", table.displayName(), null, e);
        }
    }

    @Override
    public void policyApplied(PolicyApplied applied) {
        requireOpen();
        policies.add(applied);
        if (applied.deadLettered()) {
            refused.add(applied);
            if (refused.size() >= REFUSED_BATCH) {
                try {
                    recordRefused();
                    copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
                } catch (SQLException e) {
                    throw SinkFailures.of("record dead letters", table.displayName(), null, e);
                }
            }
        }
    }

    /** Ends the running COPY and records the refused rows held so far, in the copy's transaction. */
    private void recordRefused() throws SQLException {
        encoder.flush();
        copy.endCopy();
        for (PolicyApplied row : refused) {
            DeadLetterTable.record(connection, row);
        }
        refused.clear();
    }

    @Override
    public void commit(Map<String, String> consistentPosition) {
        requireOpen();
        try {
            recordRefused();
            long refusedByTarget = staged == null ? 0 : staged.move(consistentPosition);
            identities.advance(connection);
            completion.complete(connection, consistentPosition, rows - refusedByTarget);
            connection.commit();
            committed = true;
            if (refusedByTarget > 0) {
                LOG.warn("{}: {} rows refused by the target were recorded in tandem.dead_letter", table.displayName(),
                        refusedByTarget);
                deadLetters.deadLettered(table.source(), refusedByTarget);
            }
            policies.deadLettered().forEach(deadLetters::deadLettered);
            policies.report(valuePolicies);
            Failpoint.AFTER_TABLE_COPIED.reach();
        } catch (SQLException e) {
            throw SinkFailures.of("commit copy", table.displayName(), null, e);
        }
        close();
    }

    /** Rows handed to the COPY so far. */
    long rows() {
        return rows;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        SQLException failure = new SQLException("abandoning the copy of " + table.displayName());
        if (!committed) {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
            Rollback.keepingCause(connection, failure);
        }
        closeQuietly(connection, failure);
        if (failure.getSuppressed().length > 0) {
            // The transaction is gone either way (a broken connection rolls back on the server); note why.
            LOG.warn("cleaning up the copy of {} failed", table.displayName(), failure);
        }
    }

    private void requireOpen() {
        if (closed || committed) {
            throw new IllegalStateException("the copy of " + table.displayName() + " is already finished");
        }
    }

    /** Statements that prepare the copy's transaction. */
    interface CopySetup {
        void run(Connection connection) throws SQLException;
    }

    /** What the copy completes, recorded in its transaction: the snapshot's mark of the table, or a resync's. */
    interface CopyCompletion {
        void complete(Connection connection, Map<String, String> position, long rows) throws SQLException;
    }

    private static String copySql(TargetTable table, int[] columns) {
        List<String> names = new ArrayList<>();
        for (int index : columns) {
            names.add(table.columns().get(index).name());
        }
        return "COPY " + SqlIdentifiers.qualified(table) + " (" + SqlIdentifiers.quotedList(names)
                + ") FROM STDIN WITH (FORMAT text, FREEZE)";
    }

    private static void closeQuietly(Connection connection, Throwable cause) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
