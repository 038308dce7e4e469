package io.tandem.engine.sink.apply;

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
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * What one target database does for a {@link TransactionalChangeSink} besides writing rows ({@link TableWriter}):
 * schema changes, tandem's own tables (definitions, dead letters, control rows, the offset) and the classification
 * of its errors. Every statement runs on the connection given, inside the batch's transaction, which the sink
 * commits; none of these methods commits or rolls back, except where said.
 *
 * <p>A dialect may refuse a kind of event it does not replicate (the reverse direction does not replicate schema
 * changes) by throwing an unchecked exception that says so; the batch then fails and is rolled back.
 */
public interface SinkDialect {

    /** The database's name in messages, e.g. {@code PostgreSQL}. */
    String databaseName();

    /** The row statements of {@code table} on {@code connection}, valid for this batch only. */
    TableWriter writer(Connection connection, TargetTable table);

    void truncateTable(Connection connection, TargetTable table) throws FailedStatement;

    void createTable(Connection connection, TargetTable table) throws FailedStatement;

    void alterTable(Connection connection, AlterTable change) throws FailedStatement;

    void renameTable(Connection connection, RenameTable change) throws FailedStatement;

    void dropTable(Connection connection, TargetTable table) throws FailedStatement;

    /** Stores the definition the table is written with from now on, keyed by its source table. */
    void storeDefinition(Connection connection, TargetTable table) throws FailedStatement;

    /** Forgets the stored definition of the table's source table (it was renamed or dropped). */
    void forgetDefinition(Connection connection, TargetTable table) throws FailedStatement;

    /**
     * Replaces a table by its re-copy, built aside ({@link SwapInCopy}), and records the resync done; the caller
     * then stores the copy's definition. Everything that referred to the replaced table (its publications and
     * replica identity for the way back) refers to the copy afterwards.
     */
    void swapInCopy(Connection connection, SwapInCopy swap) throws FailedStatement;

    /** Records a source schema change that was not applied, with its statement and reason. */
    void recordSkipped(Connection connection, SkippedSchemaChange skipped) throws FailedStatement;

    /** Records a row a value policy refused, one dead letter per refused value. */
    void recordDeadLetter(Connection connection, PolicyApplied refused) throws FailedStatement;

    /**
     * Records a row change the database refused as data.
     *
     * @param rowKey the key columns' values (all written columns' for a table without a key), by column name
     * @param cause the refusal; its server message may quote row values, which belong here and nowhere else
     */
    void recordDeadLetter(Connection connection, RowChange change, Map<String, String> rowKey, SQLException cause)
            throws FailedStatement;

    void writeHeartbeat(Connection connection, Heartbeat heartbeat) throws FailedStatement;

    void writeFence(Connection connection, FenceToken fence) throws FailedStatement;

    /** Stores the batch's position, the last statement before the commit. */
    void writeOffset(Connection connection, SourcePosition position) throws FailedStatement;

    /**
     * Whether exactly this position is the stored one. Reads in a transaction of its own and ends it (rolls back),
     * so that the batch that may follow starts a fresh one.
     */
    boolean isOffsetStored(Connection connection, SourcePosition position) throws FailedStatement;

    /** Whether the database refused the row rather than failed: then replaying one change at a time can skip it. */
    boolean isDataError(SQLException failure);

    /**
     * The failure that leaves the sink, transient when another attempt on a new connection may succeed. Its message
     * must not quote row values.
     *
     * @param table the target table's display name, or null
     * @param position the source position description of the batch
     */
    SinkException failure(String operation, String table, String position, Throwable failure);
}
