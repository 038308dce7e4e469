package io.tandem.sink.mysql.apply;

import io.tandem.connectors.mysql.admin.ControlTables;
import io.tandem.connectors.mysql.jdbc.MySqlNames;
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
import io.tandem.sink.mysql.error.MySqlErrors;
import io.tandem.sink.mysql.sql.MySqlStatements;
import io.tandem.sink.mysql.state.ReverseControlRows;
import io.tandem.sink.mysql.state.ReverseOffsetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The reverse direction's writes on MySQL besides rows: TRUNCATE as a DELETE (MySQL's TRUNCATE commits the
 * transaction, and the rows, the truncate and the offset must commit together), tandem's reverse control rows and
 * offset in the control database, and MySQL's errors classified.
 *
 * <p>What the reverse direction does not replicate it refuses, so the batch fails and says why instead of
 * diverging: schema changes (PostgreSQL's logical decoding carries none; the reverse source stops on a changed
 * relation before such an event could exist) and dead letters (every row PostgreSQL committed must reach MySQL;
 * a row MySQL refuses stops the reverse stream, naming table and column).
 */
public final class MySqlSinkDialect implements SinkDialect {

    private static final String NO_SCHEMA_CHANGES = "schema changes are not replicated in the reverse direction"
            + " (PostgreSQL to MySQL); change the schema on both sides while the way back is not armed";

    private final MySqlStatements statements;
    private final ReverseControlRows controlRows;
    private final ReverseOffsetTable offsets;
    private final String controlDatabase;

    public MySqlSinkDialect(MySqlStatements statements, ControlTables tables) {
        this.statements = statements;
        this.controlRows = new ReverseControlRows(tables);
        this.offsets = new ReverseOffsetTable(tables);
        this.controlDatabase = tables.database();
    }

    @Override
    public String databaseName() {
        return "MySQL";
    }

    @Override
    public TableWriter writer(Connection connection, TargetTable table) {
        try {
            return new MySqlTableWriter(connection, statements.of(connection, table));
        } catch (SQLException e) {
            throw failure("read table definition", table.source().toString(), "-", e);
        }
    }

    @Override
    public void truncateTable(Connection connection, TargetTable table) throws FailedStatement {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM " + MySqlNames.quote(table.source()));
        } catch (SQLException e) {
            throw new FailedStatement("truncate", table.source().toString(), e);
        }
    }

    @Override
    public void createTable(Connection connection, TargetTable table) {
        throw new UnsupportedOperationException(NO_SCHEMA_CHANGES);
    }

    @Override
    public void alterTable(Connection connection, AlterTable change) {
        throw new UnsupportedOperationException(NO_SCHEMA_CHANGES);
    }

    @Override
    public void renameTable(Connection connection, RenameTable change) {
        throw new UnsupportedOperationException(NO_SCHEMA_CHANGES);
    }

    @Override
    public void dropTable(Connection connection, TargetTable table) {
        throw new UnsupportedOperationException(NO_SCHEMA_CHANGES);
    }

    @Override
    public void storeDefinition(Connection connection, TargetTable table) {
        throw new UnsupportedOperationException(NO_SCHEMA_CHANGES);
    }

    @Override
    public void forgetDefinition(Connection connection, TargetTable table) {
        throw new UnsupportedOperationException(NO_SCHEMA_CHANGES);
    }

    @Override
    public void swapInCopy(Connection connection, SwapInCopy swap) {
        throw new UnsupportedOperationException(NO_SCHEMA_CHANGES);
    }

    @Override
    public void recordSkipped(Connection connection, SkippedSchemaChange skipped) {
        throw new UnsupportedOperationException(NO_SCHEMA_CHANGES);
    }

    @Override
    public void recordDeadLetter(Connection connection, PolicyApplied refused) {
        throw new UnsupportedOperationException("the reverse direction dead-letters nothing: " + refused.table()
                + " holds a value MySQL cannot take");
    }

    @Override
    public void recordDeadLetter(Connection connection, RowChange change, Map<String, String> rowKey,
                                 SQLException cause) {
        throw new UnsupportedOperationException("the reverse direction dead-letters nothing: MySQL refused a row of "
                + change.table().source() + " (" + MySqlErrors.describeWithoutValues(cause) + ")");
    }

    @Override
    public void writeHeartbeat(Connection connection, Heartbeat heartbeat) throws FailedStatement {
        try {
            controlRows.write(connection, heartbeat);
        } catch (SQLException e) {
            throw new FailedStatement("record Heartbeat", controlDatabase + "." + ControlTables.REVERSE_HEARTBEAT, e);
        }
    }

    @Override
    public void writeFence(Connection connection, FenceToken fence) throws FailedStatement {
        try {
            controlRows.write(connection, fence);
        } catch (SQLException e) {
            throw new FailedStatement("record FenceToken", controlDatabase + "." + ControlTables.REVERSE_FENCE, e);
        }
    }

    @Override
    public void writeOffset(Connection connection, SourcePosition position) throws FailedStatement {
        try {
            offsets.write(connection, position);
        } catch (SQLException e) {
            throw new FailedStatement("store offset", controlDatabase + "." + ControlTables.REVERSE_OFFSET, e);
        }
    }

    @Override
    public boolean isOffsetStored(Connection connection, SourcePosition position) throws FailedStatement {
        try {
            boolean stored = offsets.isStored(connection, position);
            connection.rollback();
            return stored;
        } catch (SQLException e) {
            throw new FailedStatement("read offset", controlDatabase + "." + ControlTables.REVERSE_OFFSET, e);
        }
    }

    /** Never: a refused row stops the reverse stream (see the class comment). */
    @Override
    public boolean isDataError(SQLException failure) {
        return false;
    }

    @Override
    public SinkException failure(String operation, String table, String position, Throwable failure) {
        return new SinkException(operation + (table == null ? "" : " on " + table) + " at PostgreSQL " + position
                + " failed: " + MySqlErrors.describeWithoutValues(failure), MySqlErrors.isRetryable(failure), failure);
    }
}
