package io.tandem.sink.postgres.apply;

import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.CreateTable;
import io.tandem.engine.change.DropTable;
import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.change.RenameTable;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.SkippedSchemaChange;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.sink.apply.FailedStatement;
import io.tandem.engine.sink.apply.ValuePolicyTally;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.ddl.SchemaApplier;
import io.tandem.sink.postgres.sql.TableSql;
import io.tandem.sink.postgres.state.ControlRowTables;
import io.tandem.sink.postgres.state.DeadLetterTable;
import io.tandem.sink.postgres.state.SkippedDdlTable;
import io.tandem.sink.postgres.state.TableDefinitions;
import io.tandem.sink.postgres.state.TandemSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Walks the events of one batch on one connection inside the caller's transaction, keeping per-table pending
 * changes and writing them as late as the flush rules allow.
 *
 * <p>Flush rules across tables: every pending table is written before a truncate, create, alter, rename or drop (a DDL barrier:
 * the rows around it must land on the right side of it), and at the end of the batch. Pending changes of
 * different tables are otherwise independent: they commit in one transaction, target tables have no foreign keys
 * between them, and so their relative order cannot be observed. Within a table see {@link KeyedChanges} and
 * {@link KeylessChanges}.
 */
final class BatchApplier {

    /** A target table's identity: events of one target table share one pending set whatever their source. */
    private record TargetName(String schema, String name) {
        static TargetName of(TargetTable table) {
            return new TargetName(table.schema(), table.name());
        }
    }

    private final Connection connection;
    private final StatementCache statements;
    private final int chunkRows;
    private final ValuePolicyTally policies;
    private final Map<TargetName, TableChanges> pending = new LinkedHashMap<>();

    /** @param policies collects the batch's value-policy events, for counting once the batch has committed */
    BatchApplier(Connection connection, StatementCache statements, int chunkRows, ValuePolicyTally policies) {
        this.connection = connection;
        this.statements = statements;
        this.chunkRows = chunkRows;
        this.policies = policies;
    }

    /** Applies one event (row changes possibly only buffered until {@link #flushAll()}). */
    void apply(ChangeEvent event) throws FailedStatement {
        if (event instanceof RowChange change) {
            changesOf(change.table()).add(change);
        } else if (event instanceof PolicyApplied applied) {
            // No flush: a dead letter is independent of the rows around it, like another table's changes.
            recordRefused(applied);
            policies.add(applied);
        } else if (event instanceof TruncateTable truncate) {
            flushAll();
            SchemaApplier.truncateTable(connection, truncate.table());
        } else if (event instanceof CreateTable create) {
            flushAll();
            SchemaApplier.createTable(connection, create.table());
            storeDefinition(create.table());
        } else if (event instanceof AlterTable alter) {
            flushAll();
            SchemaApplier.alterTable(connection, alter);
            storeDefinition(alter.after());
        } else if (event instanceof RenameTable rename) {
            flushAll();
            SchemaApplier.renameTable(connection, rename);
            forgetDefinition(rename.before());
            storeDefinition(rename.after());
        } else if (event instanceof DropTable drop) {
            flushAll();
            SchemaApplier.dropTable(connection, drop.table());
            forgetDefinition(drop.table());
        } else if (event instanceof SkippedSchemaChange skipped) {
            // No barrier needed: nothing changes on the target, the statement is only recorded.
            recordSkipped(skipped);
        } else if (event instanceof Heartbeat heartbeat) {
            // No flush: the row lands in this transaction, which commits the rows before it as well.
            writeControlRow(heartbeat, TandemSchema.HEARTBEAT, () -> ControlRowTables.write(connection, heartbeat));
        } else if (event instanceof FenceToken fence) {
            writeControlRow(fence, TandemSchema.FENCE, () -> ControlRowTables.write(connection, fence));
        } else if (event instanceof TransactionEnd) {
            // Only marks where a source transaction ended; the caller cuts batches there. Nothing to write.
            return;
        } else {
            throw new IllegalArgumentException("unknown change event " + event.getClass().getName());
        }
    }

    /**
     * The definition goes into the batch's transaction, so it commits with the offset that moves past the DDL: a
     * restart resumes with exactly the definitions the binlog position implies.
     */
    private void storeDefinition(TargetTable table) throws FailedStatement {
        try {
            TableDefinitions.write(connection, table);
        } catch (SQLException e) {
            throw new FailedStatement("store table definition", TandemSchema.TABLES, e);
        }
    }

    private void recordRefused(PolicyApplied applied) throws FailedStatement {
        if (!applied.deadLettered()) {
            return;
        }
        try {
            DeadLetterTable.record(connection, applied);
        } catch (SQLException e) {
            throw new FailedStatement("record dead letter", TandemSchema.DEAD_LETTER, e);
        }
    }

    private void recordSkipped(SkippedSchemaChange skipped) throws FailedStatement {
        try {
            SkippedDdlTable.record(connection, skipped);
        } catch (SQLException e) {
            throw new FailedStatement("record skipped schema change", TandemSchema.SKIPPED_DDL, e);
        }
    }

    private interface ControlWrite {
        void run() throws SQLException;
    }

    private static void writeControlRow(ChangeEvent event, String table, ControlWrite write) throws FailedStatement {
        try {
            write.run();
        } catch (SQLException e) {
            throw new FailedStatement("record " + event.getClass().getSimpleName(), table, e);
        }
    }

    private void forgetDefinition(TargetTable table) throws FailedStatement {
        try {
            TableDefinitions.delete(connection, table.source());
        } catch (SQLException e) {
            throw new FailedStatement("delete table definition", TandemSchema.TABLES, e);
        }
    }

    /** Writes every pending change. */
    void flushAll() throws FailedStatement {
        for (TableChanges changes : pending.values()) {
            changes.flush();
        }
        pending.clear();
    }

    /**
     * The pending set for the event's table. When the definition differs from the pending one (the table changed
     * shape within the batch), the old changes are written with the old statements first.
     */
    private TableChanges changesOf(TargetTable table) throws FailedStatement {
        TargetName name = TargetName.of(table);
        TableChanges changes = pending.get(name);
        if (changes != null && changes.sql().table() != table && !changes.sql().table().equals(table)) {
            changes.flush();
            changes = null;
        }
        if (changes == null) {
            TableSql sql = statements.get(table);
            changes = table.hasPrimaryKey()
                    ? new KeyedChanges(connection, sql, chunkRows)
                    : new KeylessChanges(connection, sql, chunkRows);
            pending.put(name, changes);
        }
        return changes;
    }
}
