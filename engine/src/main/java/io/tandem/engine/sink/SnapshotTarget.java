package io.tandem.engine.sink;

import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.util.Map;

/**
 * Where the initial copy of each table goes. A table's rows and the mark saying "this table is copied, consistent
 * with source position P" are committed together, so after a crash a table is either wholly copied with its mark or
 * not at all, and only unmarked tables are copied again.
 */
public interface SnapshotTarget {

    /**
     * Creates the target table (and its schema) if absent and records its definition; an existing table with the
     * same columns is kept. Called only for tables about to be copied: a table created earlier with another
     * definition may be replaced.
     */
    void createTable(TargetTable table);

    /** The tables whose copy has committed, each with the source position its copy is consistent with. */
    Map<TableId, Map<String, String>> completedTables();

    /**
     * Starts copying one table: opens a target transaction and empties the table inside it, so that a copy
     * interrupted earlier leaves nothing behind.
     */
    TableLoad beginLoad(TargetTable table);

    /** One table's copy in progress; not thread-safe, one per copier thread. */
    interface TableLoad extends AutoCloseable {

        /** Appends one row: PostgreSQL text values aligned with the table's columns, null for NULL. */
        void row(String[] values);

        /**
         * Notes a row whose values a policy ({@code values:}) changed ({@link #row} follows with the changed
         * values) or refused (no row follows; the row is recorded in the dead-letter table). Recorded and counted
         * in the copy's transaction.
         */
        void policyApplied(PolicyApplied applied);

        /** Commits the rows together with the completion mark and the source position of the copy. */
        void commit(Map<String, String> consistentPosition);

        /** Rolls back if not committed. */
        @Override
        void close();
    }
}
