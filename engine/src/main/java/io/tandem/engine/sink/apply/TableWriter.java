package io.tandem.engine.sink.apply;

import io.tandem.engine.transform.TargetTable;
import java.util.List;

/**
 * How one database dialect writes the rows of one table inside the caller's transaction. The buffering above it
 * (which changes may be merged, reordered or must be flushed first) is the same for every dialect; only the
 * statements differ: PostgreSQL {@code unnest} arrays and {@code ctid}, MySQL multi-row {@code VALUES},
 * {@code ON DUPLICATE KEY UPDATE} and {@code LIMIT 1}.
 *
 * <p>Rows are the event rows of {@link io.tandem.engine.change.RowChange}: PostgreSQL text values aligned with
 * {@code table().columns()}, null for SQL NULL. A writer writes only the columns it can ({@code replicated}
 * columns); columns its database computes itself are left out of every statement.
 */
public interface TableWriter {

    /** The definition the rows are aligned with. */
    TargetTable table();

    /** Deletes the rows with these keys; each element holds the key columns' values in primary-key order. */
    void deleteByKey(List<String[]> keys) throws FailedStatement;

    /** Inserts each row, or overwrites every column of the row with the same primary key. */
    void upsert(List<String[]> rows) throws FailedStatement;

    /** Appends rows to a table without a primary key. */
    void insert(List<String[]> rows) throws FailedStatement;

    /** Turns exactly one physical row equal to {@code before} into {@code after}; false when none matched. */
    boolean updateOne(String[] before, String[] after) throws FailedStatement;

    /** Deletes exactly one physical row equal to {@code before}; false when none matched. */
    boolean deleteOne(String[] before) throws FailedStatement;
}
