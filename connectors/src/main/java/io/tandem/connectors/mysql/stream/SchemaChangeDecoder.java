package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.CreateTable;
import io.tandem.engine.change.DropTable;
import io.tandem.engine.change.RenameTable;
import io.tandem.engine.change.TableAlteration;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetIndex;
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

    private final ReplicatedTables tables;
    private final SnapshotSkip snapshotSkip;

    SchemaChangeDecoder(ReplicatedTables tables, SnapshotSkip snapshotSkip) {
        this.tables = tables;
        this.snapshotSkip = snapshotSkip;
    }

    /**
     * @param eventStart where the DDL's binlog event starts; a change to a table whose copy is consistent with a
     *     later position is already in the copy (its data and its definition) and is skipped like its rows
     */
    List<ChangeEvent> decode(Struct value, SourcePosition position, BinlogPosition eventStart, boolean snapshotPhase) {
        List<Struct> changes = value.getArray("tableChanges");
        if (changes == null || changes.isEmpty()) {
            // CREATE DATABASE, SET ..., CREATE INDEX, and other statements without table effect; and DROP INDEX.
            return snapshotPhase ? List.of() : dropIndex(value, position, eventStart);
        }
        String ddl = value.getString("ddl");
        boolean mariaDb = isMariaDb(value);
        List<DdlNames.TableRename> renames = snapshotPhase ? List.of() : tableRenames(ddl);
        if (!renames.isEmpty()) {
            String database = value.getString("databaseName");
            if (database == null || database.isEmpty()) {
                database = TableChange.of(changes.get(0), mariaDb).id().database();
            }
            return renameTables(renames, database, ddl, position, eventStart);
        }
        List<ChangeEvent> events = new ArrayList<>();
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
                        events.add(new CreateTable(tables.create(change.table()), position));
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
                            throw unsupported(known.source(), ddl, position);
                        }
                        events.add(alter(known, change, ddl, position));
                        continue;
                    }
                    TableId renamed = replicatedTableNamedIn(ddl, change.id().database());
                    if (renamed != null) {
                        // A RENAME reaches us under the new name only; the old one may be a replicated table.
                        throw unsupported(renamed, ddl, position);
                    }
                }
            }
        }
        return events;
    }

    /**
     * A standalone {@code DROP INDEX … ON t} of a replicated table's index: the target drops it too, so that rows
     * the source now accepts (duplicates, once a unique index is gone) are accepted there as well.
     */
    private List<ChangeEvent> dropIndex(Struct value, SourcePosition position, BinlogPosition eventStart) {
        String ddl = value.getString("ddl");
        String[] dropped;
        try {
            dropped = ddl == null ? null : DdlNames.dropIndexOn(ddl);
        } catch (IllegalArgumentException e) {
            LOG.warn("Unreadable DROP INDEX statement at {}; a unique index it drops stays on the target: {}",
                    position, ddl);
            return List.of();
        }
        if (dropped == null) {
            return List.of();
        }
        String database = dropped[0] != null ? dropped[0] : value.getString("databaseName");
        TableId id = new TableId(database == null ? "" : database, dropped[1]);
        TargetTable known = tables.get(id);
        if (known == null || snapshotSkip.alreadyCopied(id, eventStart)) {
            return List.of();
        }
        // Index names are case-insensitive in MySQL.
        TargetIndex index = known.indexes().stream().filter(i -> i.sourceName().equalsIgnoreCase(dropped[2]))
                .findFirst().orElse(null);
        if (index == null) {
            return List.of(); // an index tandem did not create (FULLTEXT, prefix, added while streaming)
        }
        List<TargetIndex> kept = known.indexes().stream().filter(i -> i != index).toList();
        TargetTable after = new TargetTable(known.source(), known.schema(), known.name(), known.columns(),
                known.primaryKey(), kept, known.notes());
        tables.replace(after);
        return List.of(new AlterTable(known, after, List.of(new TableAlteration.DropIndex(index.name())), position));
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
     * Renames replicated tables pair by pair, in statement order. Debezium sends a multi-table RENAME as one record
     * per pair ({@code RENAME TABLE a TO b}), except pairs whose new name no longer exists after the statement;
     * every such gap later shows as a rename from an unknown table or onto a replicated one, and is refused. The
     * {@code tableChanges} only repeat the structure under the new name, which a rename does not change.
     */
    private List<ChangeEvent> renameTables(List<DdlNames.TableRename> renames, String database, String ddl,
                                           SourcePosition position, BinlogPosition eventStart) {
        List<ChangeEvent> events = new ArrayList<>();
        for (DdlNames.TableRename rename : renames) {
            TableId from = new TableId(rename.fromDatabase() != null ? rename.fromDatabase() : database, rename.from());
            TableId to = new TableId(rename.toDatabase() != null ? rename.toDatabase() : database, rename.to());
            TargetTable known = tables.get(from);
            if (known == null) {
                if (tables.wanted(to)) {
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
            if (!tables.wanted(to)) {
                throw unsupported(from, ddl, position, "the new name " + to + " is outside the table filter");
            }
            if (tables.get(to) != null) {
                // Debezium reports a multi-table RENAME as one record per pair but leaves out pairs whose new
                // name is gone by the end of the statement (the temporary name of a swap), so here a table
                // seems to take the name of one still replicated. Following it would lose that table.
                throw unsupported(from, ddl, position, "it renames onto the name of replicated table " + to
                        + ", as in a swap through a temporary name, whose intermediate step Debezium does not report");
            }
            TargetTable renamed = tables.rename(known, to);
            events.add(new RenameTable(known, renamed, position));
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
            throw new UnsupportedSchemaChangeException("schema change on " + known.source() + " is not supported: "
                    + ddl + " at " + position + " (" + e.getMessage() + ")");
        }
        AlterTable alter = AlterTableDiff.diff(known, change.table(), mapped, ddl, position);
        tables.replace(alter.after());
        if (alter.steps().isEmpty()) {
            LOG.info("Schema change on {} at {} changes nothing the target holds (secondary indexes other than "
                    + "dropped ones are not replicated): {}", known.source(), position, ddl);
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
        return new UnsupportedSchemaChangeException("schema change on " + table + " is not supported yet: " + ddl
                + " at " + at + " (" + reason + ")");
    }

    private static UnsupportedSchemaChangeException unsupported(TableId table, String ddl, SourcePosition at) {
        return new UnsupportedSchemaChangeException("schema change on " + table + " is not supported yet: " + ddl
                + " at " + at);
    }
}
