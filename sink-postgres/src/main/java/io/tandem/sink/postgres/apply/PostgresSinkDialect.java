package io.tandem.sink.postgres.apply;

import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.change.RenameTable;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.SkippedSchemaChange;
import io.tandem.engine.change.SwapInCopy;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.sink.apply.FailedStatement;
import io.tandem.engine.sink.apply.SinkDialect;
import io.tandem.engine.sink.apply.TableWriter;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.ddl.CopySwap;
import io.tandem.sink.postgres.ddl.SchemaApplier;
import io.tandem.sink.postgres.error.SinkFailures;
import io.tandem.sink.postgres.error.SqlStates;
import io.tandem.sink.postgres.state.CanonicalJson;
import io.tandem.sink.postgres.state.ControlRowTables;
import io.tandem.sink.postgres.state.DeadLetterTable;
import io.tandem.sink.postgres.state.OffsetTable;
import io.tandem.sink.postgres.state.ResyncTable;
import io.tandem.sink.postgres.state.SkippedDdlTable;
import io.tandem.sink.postgres.state.SnapshotMarks;
import io.tandem.sink.postgres.state.TableDefinitions;
import io.tandem.sink.postgres.state.TandemSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's statements for a batch: transactional DDL ({@link SchemaApplier}), tandem's own tables in the
 * {@code tandem} schema, and failures classified by SQLSTATE ({@link SqlStates}, {@link SinkFailures}).
 */
final class PostgresSinkDialect implements SinkDialect {

    private final StatementCache statements = new StatementCache(1024);
    private final int chunkRows;

    /** @param chunkRows rows per set-based statement (the length of each array parameter) */
    PostgresSinkDialect(int chunkRows) {
        this.chunkRows = chunkRows;
    }

    @Override
    public String databaseName() {
        return "PostgreSQL";
    }

    @Override
    public TableWriter writer(Connection connection, TargetTable table) {
        return new PostgresTableWriter(connection, statements.get(table), chunkRows);
    }

    @Override
    public void truncateTable(Connection connection, TargetTable table) throws FailedStatement {
        SchemaApplier.truncateTable(connection, table);
    }

    @Override
    public void createTable(Connection connection, TargetTable table) throws FailedStatement {
        SchemaApplier.createTable(connection, table);
    }

    @Override
    public void alterTable(Connection connection, AlterTable change) throws FailedStatement {
        SchemaApplier.alterTable(connection, change);
    }

    @Override
    public void renameTable(Connection connection, RenameTable change) throws FailedStatement {
        SchemaApplier.renameTable(connection, change);
    }

    @Override
    public void dropTable(Connection connection, TargetTable table) throws FailedStatement {
        SchemaApplier.dropTable(connection, table);
    }

    @Override
    public void storeDefinition(Connection connection, TargetTable table) throws FailedStatement {
        write("store table definition", TandemSchema.TABLES, () -> TableDefinitions.write(connection, table));
    }

    @Override
    public void forgetDefinition(Connection connection, TargetTable table) throws FailedStatement {
        write("delete table definition", TandemSchema.TABLES, () -> {
            TableDefinitions.delete(connection, table.source());
            ResyncTable.abandon(connection, table.source());
        });
    }

    @Override
    public void swapInCopy(Connection connection, SwapInCopy swap) throws FailedStatement {
        CopySwap.swap(connection, swap);
        write("record resync done", TandemSchema.RESYNC, () -> {
            ResyncTable.done(connection, swap.resync());
            SnapshotMarks.mark(connection, swap.copied().source(), swap.resync().copyPosition(), swap.resync().rows());
        });
    }

    @Override
    public void recordSkipped(Connection connection, SkippedSchemaChange skipped) throws FailedStatement {
        write("record skipped schema change", TandemSchema.SKIPPED_DDL,
                () -> SkippedDdlTable.record(connection, skipped));
    }

    @Override
    public void recordDeadLetter(Connection connection, PolicyApplied refused) throws FailedStatement {
        write("record dead letter", TandemSchema.DEAD_LETTER, () -> DeadLetterTable.record(connection, refused));
    }

    @Override
    public void recordDeadLetter(Connection connection, RowChange change, Map<String, String> rowKey,
                                 SQLException cause) throws FailedStatement {
        String reason = "SQLSTATE " + SqlStates.sqlState(cause) + ": " + SinkFailures.serverMessage(cause);
        write("record dead letter", TandemSchema.DEAD_LETTER, () -> DeadLetterTable.record(connection,
                change.table(), change.op().name().toLowerCase(Locale.ROOT), CanonicalJson.write(rowKey), reason,
                change.position()));
    }

    @Override
    public void writeHeartbeat(Connection connection, Heartbeat heartbeat) throws FailedStatement {
        write("record Heartbeat", TandemSchema.HEARTBEAT, () -> ControlRowTables.write(connection, heartbeat));
    }

    @Override
    public void writeFence(Connection connection, FenceToken fence) throws FailedStatement {
        write("record FenceToken", TandemSchema.FENCE, () -> ControlRowTables.write(connection, fence));
    }

    @Override
    public void writeOffset(Connection connection, SourcePosition position) throws FailedStatement {
        write("store offset", TandemSchema.OFFSETS, () -> OffsetTable.write(connection, position));
    }

    @Override
    public boolean isOffsetStored(Connection connection, SourcePosition position) throws FailedStatement {
        try {
            boolean stored = OffsetTable.isStored(connection, position);
            connection.rollback();
            return stored;
        } catch (SQLException e) {
            throw new FailedStatement("read offset", TandemSchema.OFFSETS, e);
        }
    }

    @Override
    public boolean isDataError(SQLException failure) {
        return SqlStates.isDataError(failure);
    }

    @Override
    public SinkException failure(String operation, String table, String position, Throwable failure) {
        return SinkFailures.of(operation, table, position, failure);
    }

    private static void write(String operation, String table, StateWrite write) throws FailedStatement {
        try {
            write.run();
        } catch (SQLException e) {
            throw new FailedStatement(operation, table, e);
        }
    }

    /** One statement on one of tandem's tables, which may fail with an {@link SQLException}. */
    @FunctionalInterface
    private interface StateWrite {
        void run() throws SQLException;
    }
}
