package io.tandem.connectors.mysql.stream;

import io.tandem.engine.config.DdlConfig.UnsupportedDdlPolicy;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.transform.TargetTable;
import java.util.List;

/**
 * Checks the records of the connector's schema snapshot ({@code source.snapshot} not {@code false}); they are never
 * replicated. In {@code recovery} mode the connector reads the current definition of every table and emits
 * {@code DROP TABLE IF EXISTS} plus {@code CREATE TABLE} for each, to rebuild its in-memory schema. A replicated
 * table whose columns differ from what the target has changed after the snapshot position, and streaming from there
 * with today's definition would mis-decode rows; a table the filter accepts but the copy lacks was created during
 * the snapshot, and its earlier rows would be missing. Under {@code ddl.on-unsupported: resync} either table is
 * copied again (its changes from here to the copy's position are in the copy, whatever definition they were read
 * with); otherwise either stops the stream, since nothing here is a statement to skip.
 */
final class SchemaSnapshotCheck {

    private final ReplicatedTables tables;
    private final ResyncGate resyncs;
    private final boolean recopy;

    SchemaSnapshotCheck(ReplicatedTables tables, ResyncGate resyncs, UnsupportedDdlPolicy onUnsupported) {
        this.tables = tables;
        this.resyncs = resyncs;
        this.recopy = onUnsupported == UnsupportedDdlPolicy.RESYNC;
    }

    void check(SchemaChangeRecord record, SourcePosition position) {
        if (!record.hasTableChanges()) {
            return; // CREATE DATABASE, SET …, USE …
        }
        for (TableChange change : record.tableChanges(namedTables(record), tables.ids(), position)) {
            TargetTable known = tables.get(change.id());
            try {
                check(change, known, record, position);
            } catch (UnsupportedSchemaChangeException | IllegalStateException e) {
                if (!recopy) {
                    throw e;
                }
                resyncs.request(change.id(), e.getMessage());
            }
        }
    }

    private void check(TableChange change, TargetTable known, SchemaChangeRecord record, SourcePosition position) {
        switch (change.type()) {
            case CREATE -> {
                if (known != null) {
                    change.requireColumnsOf(known, record.ddl(), position);
                } else if (tables.wanted(change.id())) {
                    // Today's schema has it, the copy does not: created while the snapshot ran. Its CREATE in the
                    // binlog will not show (the connector already knows the table).
                    throw tables.notCopied(change.id(), position);
                }
            }
            case ALTER -> {
                if (known != null) {
                    throw new UnsupportedSchemaChangeException(known.source(), record.ddl(), position,
                            "the connector's schema snapshot reports the table altered, so its definition changed "
                                    + "after the snapshot position; copy the table again");
                }
            }
            case DROP -> {
                // The recovery drops every table before it creates it again.
            }
        }
    }

    /**
     * The tables the record's statement names, which tell Debezium's ids apart; the recovery writes its statements
     * itself ({@code SHOW CREATE TABLE}), so an unreadable one leaves only the replicated tables to match.
     */
    private static List<QualifiedName> namedTables(SchemaChangeRecord record) {
        if (record.ddl() == null) {
            return List.of();
        }
        try {
            return DdlParser.parse(record.ddl()).tables();
        } catch (DdlParseException e) {
            return List.of();
        }
    }
}
