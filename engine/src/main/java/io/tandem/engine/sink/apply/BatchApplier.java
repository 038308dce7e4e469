package io.tandem.engine.sink.apply;

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
import io.tandem.engine.change.SwapInCopy;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Walks the events of one batch on one connection inside the caller's transaction, keeping per-table pending
 * changes and writing them as late as the flush rules allow.
 *
 * <p>Flush rules across tables: every pending table is written before a truncate, create, alter, rename or drop
 * (a DDL barrier: the rows around it must land on the right side of it), and at the end of the batch. Pending
 * changes of different tables are otherwise independent: they commit in one transaction, target tables have no
 * foreign keys between them, and so their relative order cannot be observed. Within a table see
 * {@link KeyedChanges} and {@link KeylessChanges}.
 *
 * <p>Table definitions, dead letters, skipped DDL and control rows go into the batch's transaction too, so they
 * commit with the offset that moves past them: a restart resumes with exactly the definitions the source position
 * implies, and each dead letter and skipped statement is recorded exactly once.
 */
final class BatchApplier {

    /** A target table's identity: events of one target table share one pending set whatever their source. */
    private record TargetName(String schema, String name) {
        static TargetName of(TargetTable table) {
            return new TargetName(table.schema(), table.name());
        }
    }

    private final Connection connection;
    private final SinkDialect dialect;
    private final int chunkRows;
    private final ValuePolicyTally policies;
    private final Map<TargetName, TableChanges> pending = new LinkedHashMap<>();

    /** @param policies collects the batch's value-policy events, for counting once the batch has committed */
    BatchApplier(Connection connection, SinkDialect dialect, int chunkRows, ValuePolicyTally policies) {
        this.connection = connection;
        this.dialect = dialect;
        this.chunkRows = chunkRows;
        this.policies = policies;
    }

    /** Applies one event (row changes possibly only buffered until {@link #flushAll()}). */
    void apply(ChangeEvent event) throws FailedStatement {
        if (event instanceof RowChange change) {
            changesOf(change.table()).add(change);
        } else if (event instanceof PolicyApplied applied) {
            // No flush: a dead letter is independent of the rows around it, like another table's changes.
            if (applied.deadLettered()) {
                dialect.recordDeadLetter(connection, applied);
            }
            policies.add(applied);
        } else if (event instanceof TruncateTable truncate) {
            flushAll();
            dialect.truncateTable(connection, truncate.table());
        } else if (event instanceof CreateTable create) {
            flushAll();
            dialect.createTable(connection, create.table());
            dialect.storeDefinition(connection, create.table());
        } else if (event instanceof AlterTable alter) {
            flushAll();
            dialect.alterTable(connection, alter);
            dialect.storeDefinition(connection, alter.after());
        } else if (event instanceof RenameTable rename) {
            flushAll();
            dialect.renameTable(connection, rename);
            dialect.forgetDefinition(connection, rename.before());
            dialect.storeDefinition(connection, rename.after());
        } else if (event instanceof DropTable drop) {
            flushAll();
            dialect.dropTable(connection, drop.table());
            dialect.forgetDefinition(connection, drop.table());
        } else if (event instanceof SwapInCopy swap) {
            flushAll();
            dialect.swapInCopy(connection, swap);
            dialect.storeDefinition(connection, swap.copied());
        } else if (event instanceof SkippedSchemaChange skipped) {
            // No barrier needed: nothing changes on the target, the statement is only recorded.
            dialect.recordSkipped(connection, skipped);
        } else if (event instanceof Heartbeat heartbeat) {
            // No flush: the row lands in this transaction, which commits the rows before it as well.
            dialect.writeHeartbeat(connection, heartbeat);
        } else if (event instanceof FenceToken fence) {
            dialect.writeFence(connection, fence);
        } else if (event instanceof TransactionEnd) {
            // Only marks where a source transaction ended; the caller cuts batches there. Nothing to write.
            return;
        } else {
            throw new IllegalArgumentException("unknown change event " + event.getClass().getName());
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
        if (changes != null && changes.table() != table && !changes.table().equals(table)) {
            changes.flush();
            changes = null;
        }
        if (changes == null) {
            TableWriter writer = dialect.writer(connection, table);
            changes = table.hasPrimaryKey()
                    ? new KeyedChanges(writer, chunkRows)
                    : new KeylessChanges(writer, chunkRows);
            pending.put(name, changes);
        }
        return changes;
    }
}
