package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.CreateTable;
import io.tandem.engine.change.DropTable;
import io.tandem.engine.change.RenameTable;
import io.tandem.engine.change.SkippedSchemaChange;
import io.tandem.engine.config.DdlConfig.UnsupportedDdlPolicy;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.UnsupportedTypeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Debezium schema-change records (topic = {@code topic.prefix}, value with {@code ddl} and
 * {@code tableChanges}) into table creations, drops, renames (read from the statement, {@link DdlNames}) and
 * alterations ({@link AlterTableDiff}), and stops on anything else that touches a replicated table (an ALTER
 * without an exact target equivalent, a rename out of the replicated set).
 *
 * <p>Records of the connector's schema snapshot ({@code source.snapshot} not {@code false}) only rebuild its
 * in-memory schema: in {@code recovery} mode it reads the current definition of every table and emits
 * {@code DROP TABLE IF EXISTS} plus {@code CREATE TABLE} for each. They are checked, never replicated: a
 * replicated table whose columns differ from what the target has changed after the snapshot position, and
 * streaming from there with today's definition would mis-decode rows; a table the filter accepts but the copy
 * lacks was created during the snapshot, and its earlier rows would be missing.
 */
final class SchemaChangeDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaChangeDecoder.class);

    private static final Pattern MAYBE_INDEX_STATEMENT =
            Pattern.compile("^\\s*(CREATE|DROP)\\b.*\\bINDEX\\b", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final ReplicatedTables tables;
    private final SnapshotSkip snapshotSkip;
    private final ResyncGate resyncs;
    private final UnsupportedDdlPolicy onUnsupported;
    /** Tables now under the temporary name of a rename swap; a later record of the same statement renames them. */
    private final Set<TableId> underTemporaryName = new HashSet<>();

    SchemaChangeDecoder(ReplicatedTables tables, SnapshotSkip snapshotSkip, ResyncGate resyncs,
                        UnsupportedDdlPolicy onUnsupported) {
        this.tables = tables;
        this.snapshotSkip = snapshotSkip;
        this.resyncs = resyncs;
        this.onUnsupported = onUnsupported;
    }

    /**
     * @param eventStart where the DDL's binlog event starts; a change to a table whose copy is consistent with a
     *     later position is already in the copy (its data and its definition) and is skipped like its rows
     */
    List<ChangeEvent> decode(Struct value, SourcePosition position, BinlogPosition eventStart, boolean snapshotPhase) {
        List<ChangeEvent> events = new ArrayList<>();
        try {
            decodeInto(events, value, position, eventStart, snapshotPhase);
        } catch (UnsupportedSchemaChangeException e) {
            if (snapshotPhase || onUnsupported == UnsupportedDdlPolicy.FAIL || e.table() == null) {
                throw e;
            }
            if (onUnsupported == UnsupportedDdlPolicy.RESYNC) {
                // The source holds the statement's exact result: the table is copied again, and its changes from
                // here on are dropped until the copy (which holds them) is swapped in.
                resyncs.request(e.table(), e.getMessage());
                return events;
            }
            // The target table and tandem's definition of it stay as they were (every refusal happens before
            // either changes); the sink records the statement with the batch.
            LOG.warn("Skipping a schema change (ddl.on-unsupported: skip); it is recorded in tandem.skipped_ddl: {}",
                    e.getMessage());
            events.add(new SkippedSchemaChange(e.table(), e.statement(), e.getMessage(), position));
        }
        return events;
    }

    private void decodeInto(List<ChangeEvent> events, Struct value, SourcePosition position, BinlogPosition eventStart,
                            boolean snapshotPhase) {
        List<Struct> changes = value.getArray("tableChanges");
        boolean noChanges = changes == null || changes.isEmpty();
        String ddl = value.getString("ddl");
        boolean mariaDb = isMariaDb(value);
        if (!snapshotPhase && ddl != null) {
            String[] indexed = indexStatementTable(ddl, position);
            if (indexed != null) {
                events.addAll(indexStatement(indexed, value, ddl, position, eventStart));
                return;
            }
            List<DdlNames.TableRename> renames = tableRenames(ddl);
            if (!renames.isEmpty()) {
                String database = value.getString("databaseName");
                if ((database == null || database.isEmpty()) && !noChanges) {
                    database = TableChange.of(changes.get(0), mariaDb).id().database();
                }
                // A pair without table changes renames into a name that is gone by the end of the statement: the
                // temporary name of a swap, renamed again by a later record of the same statement.
                events.addAll(renameTables(renames, database, ddl, position, eventStart, noChanges));
                return;
            }
        }
        if (noChanges) {
            return; // CREATE DATABASE, SET …, and other statements without table effect
        }
        for (Struct struct : changes) {
            TableChange change = TableChange.of(struct, mariaDb);
            if (!snapshotPhase && snapshotSkip.alreadyCopied(change.id(), eventStart)) {
                continue;
            }
            TargetTable known = tables.get(change.id());
            switch (change.type()) {
                case CREATE -> {
                    if (known != null) {
                        requireSameColumns(known, change, ddl, position);
                    } else if (tables.wanted(change.id())) {
                        if (snapshotPhase) {
                            // Today's schema has it, the copy does not: created while the snapshot ran. Its
                            // CREATE in the binlog will not show (the connector already knows the table).
                            throw tables.notCopied(change.id(), position);
                        }
                        events.add(new CreateTable(tables.create(created(change, ddl, position)), position));
                    }
                }
                case DROP -> {
                    if (!snapshotPhase && known != null) {
                        tables.drop(change.id());
                        events.add(new DropTable(known, position));
                    }
                }
                case ALTER -> {
                    if (known != null) {
                        if (snapshotPhase) {
                            throw new UnsupportedSchemaChangeException(known.source(), ddl, position, null);
                        }
                        events.add(alter(known, change, ddl, position));
                        continue;
                    }
                    DdlNames.TableRename combined = snapshotPhase ? null : alterRename(ddl);
                    if (combined != null) {
                        // ALTER TABLE a RENAME TO b, <other changes>: reported once, as an ALTER of b. The rename
                        // runs first, then the other changes on the renamed table.
                        events.addAll(renameTables(List.of(combined), change.id().database(), ddl, position,
                                eventStart, false));
                        TargetTable renamedTable = tables.get(change.id());
                        if (renamedTable != null) {
                            events.add(alter(renamedTable, change, ddl, position));
                        }
                        continue;
                    }
                    TableId renamed = replicatedTableNamedIn(ddl, change.id().database());
                    if (renamed != null) {
                        // A RENAME reaches us under the new name only; the old one may be a replicated table.
                        throw new UnsupportedSchemaChangeException(renamed, ddl, position, null);
                    }
                }
            }
        }
    }

    private SourceTable created(TableChange change, String ddl, SourcePosition position) {
        try {
            return CreatedTable.of(change.table(), ddl, tables::get);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedSchemaChangeException(change.id(), ddl, position,
                    "the statement could not be read (" + e.getMessage() + ")");
        }
    }

    /** Whether the last statement left a table under a temporary name, so more records of it follow. */
    boolean statementContinues() {
        return !underTemporaryName.isEmpty();
    }

    /**
     * The table of a standalone CREATE INDEX or DROP INDEX statement, or null for any other statement. Text that
     * cannot be read is an error only when it may be an index statement: its table, and so whether it matters,
     * is unknown then.
     */
    private static String[] indexStatementTable(String ddl, SourcePosition position) {
        try {
            return DdlNames.indexStatementTable(ddl);
        } catch (IllegalArgumentException e) {
            if (!MAYBE_INDEX_STATEMENT.matcher(ddl).find()) {
                return null;
            }
            throw new UnsupportedSchemaChangeException("unreadable index statement " + ddl + " at " + position
                    + " (" + e.getMessage() + "); tandem cannot tell which table it changes, so it stops rather "
                    + "than guess");
        }
    }

    /**
     * A standalone {@code CREATE … INDEX … ON t} or {@code DROP INDEX … ON t} of a replicated table: the target
     * creates or drops the index too, so that it refuses exactly the rows the source refuses. Debezium's structure is
     * ignored here: it has no indexes, and it reports a unique index of a table without a key as its primary key.
     */
    private List<ChangeEvent> indexStatement(String[] indexed, Struct value, String ddl, SourcePosition position,
                                             BinlogPosition eventStart) {
        String database = indexed[0] != null ? indexed[0] : value.getString("databaseName");
        TableId id = new TableId(database == null ? "" : database, indexed[1]);
        TargetTable known = tables.get(id);
        if (known == null || snapshotSkip.alreadyCopied(id, eventStart)) {
            return List.of();
        }
        AlterTable alter = AlterTableDiff.indexesOnly(known, ddl, position, tables.mapper().names());
        tables.replace(alter.after());
        return alter.steps().isEmpty() ? List.of() : List.of(alter);
    }

    /** The rename of an ALTER TABLE that renames the table along with other changes, or null. */
    private static DdlNames.TableRename alterRename(String ddl) {
        try {
            return DdlNames.of(ddl).alterRename();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The statement's table renames, or none when it is no pure rename (or cannot be read: then ALTER checks it). */
    private static List<DdlNames.TableRename> tableRenames(String ddl) {
        try {
            return DdlNames.of(ddl).tableRenames();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /**
     * Renames replicated tables pair by pair, in statement order. Debezium 3.5 sends a multi-table RENAME as one
     * record per pair ({@code RENAME TABLE a TO b}), all at the statement's position, in statement order; a pair
     * whose new name no longer exists after the statement (the temporary name of a swap {@code a TO tmp, b TO a,
     * tmp TO b}) comes without {@code tableChanges}. Such a temporary name is followed whatever the table filter
     * says, since a later pair of the same statement renames it again. The {@code tableChanges} only repeat the
     * structure under the new name, which a rename does not change.
     */
    private List<ChangeEvent> renameTables(List<DdlNames.TableRename> renames, String database, String ddl,
                                           SourcePosition position, BinlogPosition eventStart, boolean temporary) {
        if (database == null || database.isEmpty()) {
            throw new UnsupportedSchemaChangeException("cannot tell the database of " + ddl + " at " + position);
        }
        List<ChangeEvent> events = new ArrayList<>();
        for (DdlNames.TableRename rename : renames) {
            TableId from = new TableId(rename.fromDatabase() != null ? rename.fromDatabase() : database, rename.from());
            TableId to = new TableId(rename.toDatabase() != null ? rename.toDatabase() : database, rename.to());
            TargetTable known = tables.get(from);
            if (known == null) {
                if (!temporary && tables.wanted(to)) {
                    // A table that was not replicated takes a replicated name: its rows are not on the target.
                    throw tables.notCopied(to, position);
                }
                continue;
            }
            boolean fromCopiedLater = snapshotSkip.alreadyCopied(from, eventStart);
            boolean toCopiedLater = snapshotSkip.alreadyCopied(to, eventStart);
            if (toCopiedLater && !fromCopiedLater && tables.get(to) != null) {
                // The new name was copied after this rename (tandem was stopped when it ran and found only the new
                // name): that copy holds the table's rows, so the target table under the old name is obsolete.
                LOG.info("{} was renamed to {} at {}, which was copied since; dropping the target table of {}",
                        from, to, position, from);
                tables.drop(from);
                events.add(new DropTable(known, position));
                continue;
            }
            if (fromCopiedLater || toCopiedLater) {
                throw unsupported(from, ddl, position, "the rename happened while the snapshot ran; copy the "
                        + "tables again");
            }
            if (!from.database().equals(to.database())) {
                throw unsupported(from, ddl, position, "moving a table to another database is not supported yet");
            }
            if (!temporary && !tables.wanted(to)) {
                throw unsupported(from, ddl, position, "the new name " + to + " is outside the table filter");
            }
            if (tables.get(to) != null) {
                // Pairs arrive in statement order, so a name is free again before anything is renamed onto it;
                // anything else means tandem's tables and the source's disagree.
                throw unsupported(from, ddl, position, "it renames onto the name of replicated table " + to
                        + ", which tandem still holds");
            }
            TargetTable renamed = tables.rename(known, to);
            events.add(new RenameTable(known, renamed, position));
            underTemporaryName.remove(from);
            if (temporary) {
                underTemporaryName.add(to);
            }
        }
        return events;
    }

    /**
     * The steps from the table tandem writes to its new structure; later rows of the table carry the new
     * definition. A change that touches nothing the target holds (a secondary index added, a comment) is logged
     * and yields no statement.
     */
    private ChangeEvent alter(TargetTable known, TableChange change, String ddl, SourcePosition position) {
        TargetTable mapped;
        try {
            mapped = tables.map(change.table());
        } catch (UnsupportedTypeException e) {
            throw new UnsupportedSchemaChangeException(known.source(), ddl, position, e.getMessage());
        }
        AlterTable alter = AlterTableDiff.diff(known, change.table(), mapped, ddl, position, tables.mapper().names());
        tables.replace(alter.after());
        if (alter.steps().isEmpty()) {
            LOG.info("Schema change on {} at {} changes nothing the target holds: {}", known.source(), position, ddl);
        }
        return alter;
    }

    /** Debezium names the connector that produced the record in its source block. */
    private static boolean isMariaDb(Struct value) {
        Struct source = value.schema().field("source") == null ? null : value.getStruct("source");
        return source != null && "mariadb".equals(source.getString("connector"));
    }

    private static void requireSameColumns(TargetTable known, TableChange change, String ddl, SourcePosition at) {
        Set<String> target = new HashSet<>();
        for (TargetColumn column : known.columns()) {
            target.add(column.sourceName());
        }
        Set<String> source = new HashSet<>(change.columnNames());
        if (!source.equals(target)) {
            throw new UnsupportedSchemaChangeException("table " + change.id() + " has columns " + change.columnNames()
                    + " on the source, but tandem replicates it with " + target + " (" + ddl + " at " + at
                    + "); its definition changed after the snapshot position, so the stream cannot decode it. "
                    + "Copy the table again.");
        }
    }

    private TableId replicatedTableNamedIn(String ddl, String database) {
        for (TargetTable table : tables.all()) {
            TableId id = table.source();
            String name = "(^|[^\\p{Alnum}_$])" + Pattern.quote(id.table()) + "($|[^\\p{Alnum}_$])";
            if (id.database().equals(database) && Pattern.compile(name).matcher(ddl).find()) {
                return id;
            }
        }
        return null;
    }

    private static UnsupportedSchemaChangeException unsupported(TableId table, String ddl, SourcePosition at,
                                                                String reason) {
        return new UnsupportedSchemaChangeException(table, ddl, at, reason);
    }
}
