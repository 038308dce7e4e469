package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.CreateTable;
import io.tandem.engine.change.DropTable;
import io.tandem.engine.change.SkippedSchemaChange;
import io.tandem.engine.config.DdlConfig.UnsupportedDdlPolicy;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.UnsupportedTypeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the schema-change records of the live binlog (DDL run after the stream's start) into table creations,
 * drops, renames ({@link TableRenames}) and alterations ({@link AlterTableDiff}), and refuses anything that touches
 * a replicated table without an exact target equivalent, under the {@code ddl.on-unsupported} policy. Each
 * statement is parsed once ({@link DdlParser}); which tables it is about comes from that parse and from Debezium's
 * {@code tableChanges}, never from a name that merely appears in its text. The connector's schema-snapshot records
 * take the other path, {@link SchemaSnapshotCheck}.
 */
final class SchemaChangeDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaChangeDecoder.class);

    private final ReplicatedTables tables;
    private final SnapshotSkip snapshotSkip;
    private final ResyncGate resyncs;
    private final UnsupportedDdlPolicy onUnsupported;
    private final TableRenames renames;

    SchemaChangeDecoder(ReplicatedTables tables, SnapshotSkip snapshotSkip, ResyncGate resyncs,
                        UnsupportedDdlPolicy onUnsupported) {
        this.tables = tables;
        this.snapshotSkip = snapshotSkip;
        this.resyncs = resyncs;
        this.onUnsupported = onUnsupported;
        this.renames = new TableRenames(tables, snapshotSkip);
    }

    /**
     * @param eventStart where the DDL's binlog event starts; a change to a table whose copy is consistent with a
     *     later position is already in the copy (its data and its definition) and is skipped like its rows
     */
    List<ChangeEvent> decode(SchemaChangeRecord record, SourcePosition position, BinlogPosition eventStart) {
        try {
            return decodeStatement(record, position, eventStart);
        } catch (UnsupportedSchemaChangeException e) {
            return onUnsupported(e, position);
        }
    }

    /** Whether the last statement left a table under a temporary name, so more records of it follow. */
    boolean statementContinues() {
        return renames.statementContinues();
    }

    /** The {@code ddl.on-unsupported} policy, applied to a statement tandem cannot reproduce exactly. */
    private List<ChangeEvent> onUnsupported(UnsupportedSchemaChangeException e, SourcePosition position) {
        if (onUnsupported == UnsupportedDdlPolicy.FAIL || e.table() == null) {
            throw e;
        }
        if (onUnsupported == UnsupportedDdlPolicy.RESYNC) {
            // The source holds the statement's exact result: the table is copied again, and its changes from here
            // on are dropped until the copy (which holds them) is swapped in.
            resyncs.request(e.table(), e.getMessage());
            return List.of();
        }
        // The target table and tandem's definition of it stay as they were (every refusal happens before either
        // changes); the sink records the statement with the batch.
        LOG.warn("Skipping a schema change (ddl.on-unsupported: skip); it is recorded in tandem.skipped_ddl: {}",
                e.getMessage());
        return List.of(new SkippedSchemaChange(e.table(), e.statement(), e.getMessage(), position));
    }

    private List<ChangeEvent> decodeStatement(SchemaChangeRecord record, SourcePosition position,
                                              BinlogPosition eventStart) {
        ParsedDdl statement = parse(record, position);
        if (statement instanceof ParsedDdl.CreateIndex create) {
            return indexStatement(create.table(), create.indexes(), record, position, eventStart);
        }
        if (statement instanceof ParsedDdl.DropIndex drop) {
            return indexStatement(drop.table(), drop.indexes(), record, position, eventStart);
        }
        if (statement instanceof ParsedDdl.RenameTables rename) {
            return renames.rename(rename.renames(), renameDatabase(record, statement, position), record.ddl(),
                    position, eventStart, !record.hasTableChanges());
        }
        if (statement instanceof ParsedDdl.AlterTable alter && alter.renameOnly()) {
            return renames.rename(List.of(alter.rename().orElseThrow()), renameDatabase(record, statement, position),
                    record.ddl(), position, eventStart, !record.hasTableChanges());
        }
        List<ChangeEvent> events = new ArrayList<>();
        for (TableChange change : record.tableChanges(statement.tables(), tables.ids(), position)) {
            if (snapshotSkip.alreadyCopied(change.id(), eventStart)) {
                continue;
            }
            TargetTable known = tables.get(change.id());
            switch (change.type()) {
                case CREATE -> created(change, known, statement, record, position).ifPresent(events::add);
                case DROP -> {
                    if (known != null) {
                        tables.drop(change.id());
                        events.add(new DropTable(known, position));
                    }
                }
                case ALTER -> events.addAll(altered(change, known, statement, record, position, eventStart));
            }
        }
        return events;
    }

    /** The record's statement, parsed; a drop whose text cannot be read needs nothing from it. */
    private ParsedDdl parse(SchemaChangeRecord record, SourcePosition position) {
        try {
            return record.ddl() == null ? new ParsedDdl.Other() : DdlParser.parse(record.ddl());
        } catch (DdlParseException e) {
            if (!record.dropsOnly()) {
                throw unreadable(record, e, position);
            }
            // Debezium writes each table of a DROP TABLE as a statement of its own, quoting a name that begins or
            // ends with a backtick wrongly; the dropped tables come from its table changes.
            return new ParsedDdl.Other();
        }
    }

    /**
     * A statement tandem cannot read: which tables it changes is unknown from the text (a rename or an index
     * statement may change a replicated table that Debezium's table changes do not name), so tandem stops rather
     * than guess. The refusal names a replicated (or wanted) table when Debezium reports one changed, so that
     * {@code ddl.on-unsupported: skip} can skip it; otherwise it names only the statement, and no policy skips it.
     */
    private UnsupportedSchemaChangeException unreadable(SchemaChangeRecord record, DdlParseException e,
                                                        SourcePosition position) {
        String reason = "the statement could not be read (" + e.getMessage() + ")";
        for (TableChange change : record.tableChanges(List.of(), tables.ids(), position)) {
            if (tables.get(change.id()) != null || tables.wanted(change.id())) {
                return new UnsupportedSchemaChangeException(change.id(), record.ddl(), position, reason);
            }
        }
        return new UnsupportedSchemaChangeException("cannot read the statement " + record.ddl() + " at "
                + position.description() + ": " + e.getMessage() + "; tandem cannot tell which tables it changes, "
                + "so it stops rather than guess. Run the statement's effect on the target by hand and restart, or "
                + "report the statement so that tandem learns to read it.");
    }

    /** The statement's default database; the first table change's when the record names none. */
    private String renameDatabase(SchemaChangeRecord record, ParsedDdl statement, SourcePosition position) {
        if (!record.database().isEmpty() || !record.hasTableChanges()) {
            return record.database();
        }
        List<TableChange> changes = record.tableChanges(statement.tables(), tables.ids(), position);
        return changes.isEmpty() ? "" : changes.get(0).id().database();
    }

    /**
     * A standalone {@code CREATE … INDEX … ON t} or {@code DROP INDEX … ON t} of a replicated table: the target
     * creates or drops the index too, so that it refuses exactly the rows the source refuses. Debezium's structure is
     * ignored here: it has no indexes, and it reports a unique index of a table without a key as its primary key.
     */
    private List<ChangeEvent> indexStatement(QualifiedName name, IndexChanges changes, SchemaChangeRecord record,
                                             SourcePosition position, BinlogPosition eventStart) {
        TableId id = name.in(record.database());
        TargetTable known = tables.get(id);
        if (known == null || snapshotSkip.alreadyCopied(id, eventStart)) {
            return List.of();
        }
        AlterTable alter = AlterTableDiff.indexesOnly(known, changes, record.ddl(), position, tables.mapper().names());
        tables.replace(alter.after());
        return alter.steps().isEmpty() ? List.of() : List.of(alter);
    }

    /** A table the filter wants is created; a replicated one reported as created again must be unchanged. */
    private Optional<ChangeEvent> created(TableChange change, TargetTable known, ParsedDdl statement,
                                          SchemaChangeRecord record, SourcePosition position) {
        if (known != null) {
            change.requireColumnsOf(known, record.ddl(), position);
            return Optional.empty();
        }
        if (!tables.wanted(change.id())) {
            return Optional.empty();
        }
        SourceTable source = CreatedTable.of(change.table(), statement, change.id().database(), tables::get);
        try {
            return Optional.of(new CreateTable(tables.create(source), position));
        } catch (UnsupportedTypeException e) {
            throw new ChangeDecodingException(change.id(), record.ddl(), position, e);
        }
    }

    /**
     * An ALTER of a replicated table becomes the steps to its new structure. {@code ALTER TABLE a RENAME TO b,
     * <other changes>} is reported once, as an ALTER of b: the rename runs first, then the other changes on the
     * renamed table. An ALTER of any other table concerns no replicated table, unless the statement names a
     * replicated table that Debezium reports under another name (a rename tandem did not read as one).
     */
    private List<ChangeEvent> altered(TableChange change, TargetTable known, ParsedDdl statement,
                                      SchemaChangeRecord record, SourcePosition position, BinlogPosition eventStart) {
        String ddl = record.ddl();
        if (known != null) {
            ParsedDdl.AlterTable alter = alterStatement(statement, known, ddl, position);
            requireColumnNamesDebeziumReads(alter, known, ddl, position);
            return List.of(alter(known, change, alter, ddl, position));
        }
        if (statement instanceof ParsedDdl.AlterTable alter && alter.rename().isPresent()) {
            List<ChangeEvent> events = new ArrayList<>(renames.rename(List.of(alter.rename().get()),
                    change.id().database(), ddl, position, eventStart, false));
            TargetTable renamed = tables.get(change.id());
            if (renamed != null) {
                events.add(alter(renamed, change, alter, ddl, position));
            }
            return events;
        }
        for (QualifiedName named : statement.tables()) {
            TableId id = named.in(change.id().database());
            if (!id.equals(change.id()) && tables.get(id) != null) {
                throw new UnsupportedSchemaChangeException(id, ddl, position, "Debezium reports it as a change of "
                        + change.id() + ", a table rename tandem did not recognise");
            }
        }
        return List.of();
    }

    /**
     * Debezium's DDL parser (3.5 and 3.6) keeps the doubled backtick of a quoted column name in ALTER TABLE
     * ({@code `a``b`} stays {@code a``b}): RENAME, CHANGE and MODIFY of such a column stop the connector, ADD gives
     * its schema a column of another name and DROP leaves the column in it, so it decodes the table's rows wrongly
     * from here on. No policy can skip that: the stream stops, naming the column and the way out.
     */
    private static void requireColumnNamesDebeziumReads(ParsedDdl.AlterTable alter, TargetTable known, String ddl,
                                                        SourcePosition position) {
        for (String column : alter.columns()) {
            if (column.indexOf('`') >= 0) {
                throw new UnsupportedSchemaChangeException("schema change on " + known.source() + " at "
                        + position.description() + " cannot be replicated: " + ddl + " (column " + column
                        + " has a backtick in its name, which Debezium's DDL parser misreads in ALTER TABLE, so its "
                        + "view of the table is wrong from here). Rename the column on the source to a name without "
                        + "a backtick and copy the table again, or exclude the table.");
            }
        }
    }

    /** The ALTER TABLE behind a change of a replicated table's structure. */
    private static ParsedDdl.AlterTable alterStatement(ParsedDdl statement, TargetTable known, String ddl,
                                                       SourcePosition position) {
        if (statement instanceof ParsedDdl.AlterTable alter) {
            return alter;
        }
        throw new UnsupportedSchemaChangeException(known.source(), ddl, position, "Debezium reports it as a change "
                + "of the table's structure, which tandem reads only from ALTER TABLE");
    }

    /**
     * The steps from the table tandem writes to its new structure; later rows of the table carry the new
     * definition. A change that touches nothing the target holds (a secondary index added, a comment) is logged
     * and yields no statement.
     */
    private ChangeEvent alter(TargetTable known, TableChange change, ParsedDdl.AlterTable statement, String ddl,
                              SourcePosition position) {
        TargetTable mapped;
        try {
            mapped = tables.map(change.table());
        } catch (UnsupportedTypeException e) {
            throw new UnsupportedSchemaChangeException(known.source(), ddl, position, e.getMessage());
        }
        AlterTable alter = AlterTableDiff.diff(known, change.table(), mapped, statement, ddl, position,
                tables.mapper().names());
        tables.replace(alter.after());
        if (alter.steps().isEmpty()) {
            LOG.info("Schema change on {} at {} changes nothing the target holds: {}", known.source(), position, ddl);
        }
        return alter;
    }
}
