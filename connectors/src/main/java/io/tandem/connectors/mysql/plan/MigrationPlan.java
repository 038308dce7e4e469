package io.tandem.connectors.mysql.plan;

import io.tandem.connectors.mysql.check.CheckResult;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ColumnOverride;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code tandem plan} found, as plain data; renderers decide how it looks.
 *
 * @param checks every server check, passed or failed (binlog settings and grants)
 * @param tables the tables {@code run} would replicate, in {@code TableId} order
 * @param scanned whether {@link #findings} come from a data scan ({@code --scan}); empty otherwise
 */
public record MigrationPlan(
        Server server,
        List<CheckResult> checks,
        Retention retention,
        SnapshotEstimate estimate,
        List<TablePlan> tables,
        List<ObjectGroup> unreplicated,
        List<ForeignKey> foreignKeys,
        boolean scanned,
        List<Finding> findings) {

    public MigrationPlan {
        Objects.requireNonNull(server, "server");
        checks = List.copyOf(checks);
        tables = List.copyOf(tables);
        unreplicated = List.copyOf(unreplicated);
        foreignKeys = List.copyOf(foreignKeys);
        findings = List.copyOf(findings);
    }

    /** True when {@code run} would refuse to start or stop during the snapshot: the exit code 1 of the command. */
    public boolean blocked() {
        return checks.stream().anyMatch(c -> !c.ok())
                || tables.stream().anyMatch(t -> t.error() != null)
                || findings.stream().anyMatch(Finding::blocking);
    }

    /** @param flavor {@code MariaDB} or {@code MySQL} */
    public record Server(String flavor, String version) {
    }

    /**
     * How long the source keeps binlogs.
     *
     * @param seconds null when binlogs are never purged automatically
     * @param setting the variable that decided it, e.g. {@code binlog_expire_logs_seconds=2592000}
     */
    public record Retention(Long seconds, String setting) {

        public boolean unlimited() {
            return seconds == null;
        }
    }

    /**
     * The snapshot's expected duration and whether the binlog outlives it.
     *
     * @param rowsPerSecond the rate the estimate assumes ({@link PlanBuilder#SNAPSHOT_ROWS_PER_SECOND})
     * @param retentionCovers true when retention is unlimited or at least twice the estimate plus an hour
     */
    public record SnapshotEstimate(long totalRows, long totalBytes, long rowsPerSecond, long seconds,
                                   boolean retentionCovers, String verdict) {
    }

    /**
     * One replicated table.
     *
     * @param engine the storage engine; anything but InnoDB has no consistent snapshot
     * @param primaryKey the key columns; empty for a keyless table
     * @param notes what the mapping does not carry over, plus tandem's handling of a missing key
     * @param error why the table cannot be mapped (then {@code target} is null), or null
     * @param target the PostgreSQL table {@code run} would create, or null when the table cannot be mapped
     */
    public record TablePlan(String database, String table, String engine, long estimatedRows, long dataBytes,
                            List<String> primaryKey, List<ColumnPlan> columns, List<String> notes, String error,
                            TargetTable target) {

        public TablePlan {
            primaryKey = List.copyOf(primaryKey);
            columns = List.copyOf(columns);
            notes = List.copyOf(notes);
        }
    }

    /**
     * @param targetType the PostgreSQL type as created, or null when the table cannot be mapped
     * @param override the config's override that chose {@code targetType}, or null
     * @param valuePolicy what a value policy ({@code values:}) does to values PostgreSQL cannot hold; or null
     */
    public record ColumnPlan(String name, String sourceType, String targetType, boolean nullable,
                             ColumnOverride override, String valuePolicy) {

        public ColumnPlan(String name, String sourceType, String targetType, boolean nullable) {
            this(name, sourceType, targetType, nullable, null, null);
        }
    }

    /**
     * Source objects of one kind that tandem does not replicate, with what to do about them.
     *
     * @param kind {@code view}, {@code trigger}, {@code routine}, {@code event}, {@code filtered table} or
     *     {@code non-InnoDB table}
     */
    public record ObjectGroup(String kind, String advice, List<SourceObject> objects) {

        public ObjectGroup {
            objects = List.copyOf(objects);
        }
    }

    /** @param detail what kind of object it is exactly (trigger timing, routine type, engine), or empty */
    public record SourceObject(String database, String name, String detail) {
    }

    /** A foreign key on the source; tandem creates none on the target. */
    public record ForeignKey(String database, String table, String name, List<String> columns,
                             String referencedDatabase, String referencedTable, List<String> referencedColumns,
                             String onUpdate, String onDelete) {

        public ForeignKey {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }
    }

    /**
     * A data scan result for one column.
     *
     * @param count the number of rows concerned
     * @param blocking true when {@code run} would stop on these rows
     * @param action what tandem does with them today, and the fix when there is one
     */
    public record Finding(String database, String table, String column, FindingKind kind, long count,
                          boolean blocking, String action) {
    }

    /** The checks {@code --scan} runs. */
    public enum FindingKind {
        ZERO_DATE, NUL_CHARACTER, TINYINT1_NOT_BOOLEAN, TIME_OUTSIDE_DAY, TIME_WITHIN_DAY
    }
}
