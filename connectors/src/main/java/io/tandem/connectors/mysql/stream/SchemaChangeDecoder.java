package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.CreateTable;
import io.tandem.engine.change.DropTable;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns Debezium schema-change records (topic = {@code topic.prefix}, value with {@code ddl} and
 * {@code tableChanges}) into table creations and drops, and stops on anything else that touches a replicated
 * table, until DDL translation exists.
 *
 * <p>Records of the connector's schema snapshot ({@code source.snapshot} not {@code false}) only rebuild its
 * in-memory schema: in {@code recovery} mode it reads the current definition of every table and emits
 * {@code DROP TABLE IF EXISTS} plus {@code CREATE TABLE} for each. They are checked, never replicated: a
 * replicated table whose columns differ from what the target has changed after the snapshot position, and
 * streaming from there with today's definition would mis-decode rows; a table the filter accepts but the copy
 * lacks was created during the snapshot, and its earlier rows would be missing.
 */
final class SchemaChangeDecoder {

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
            return List.of(); // CREATE DATABASE, SET ..., and other statements without table effect
        }
        String ddl = value.getString("ddl");
        List<ChangeEvent> events = new ArrayList<>();
        for (Struct struct : changes) {
            TableChange change = TableChange.of(struct);
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
                        throw unsupported(known.source(), ddl, position);
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

    private static UnsupportedSchemaChangeException unsupported(TableId table, String ddl, SourcePosition at) {
        return new UnsupportedSchemaChangeException("schema change on " + table + " is not supported yet: " + ddl
                + " at " + at);
    }
}
