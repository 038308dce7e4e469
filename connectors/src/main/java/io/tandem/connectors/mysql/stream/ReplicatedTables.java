package io.tandem.connectors.mysql.stream;

import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.TargetIndex;
import io.tandem.engine.transform.TargetNames;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The tables the stream replicates, as it goes: those the snapshot copied, plus those created later that pass the
 * table filter, minus those dropped. Every change goes through the mapper's {@link TargetNames} too, so a new name
 * is chosen against exactly the names the target has. Only the decoder thread touches it.
 */
final class ReplicatedTables {

    private final Map<TableId, TargetTable> tables;
    private final Predicate<TableId> filter;
    private final MySqlTableMapper mapper;

    ReplicatedTables(Map<TableId, TargetTable> initial, Predicate<TableId> filter, MySqlTableMapper mapper) {
        this.tables = new HashMap<>(initial);
        this.filter = filter;
        this.mapper = mapper;
        // The stream starts with these definitions (stored ones may predate today's schema): their names hold.
        initial.values().forEach(mapper.names()::register);
    }

    TargetTable get(TableId id) {
        return tables.get(id);
    }

    boolean wanted(TableId id) {
        return filter.test(id);
    }

    /** Maps and registers a new table; throws {@code UnsupportedTypeException} naming a column it cannot carry. */
    TargetTable create(SourceTable source) {
        TargetTable target = mapper.map(source);
        tables.put(source.id(), target);
        return target;
    }

    /** Maps a table's new structure without registering it (its new columns are named already). */
    TargetTable map(SourceTable source) {
        return mapper.map(source);
    }

    /** The mapping tables created while streaming go through; also names and decides which new indexes are created. */
    MySqlTableMapper mapper() {
        return mapper;
    }

    /** The table's definition from now on (after an ALTER). */
    void replace(TargetTable table) {
        mapper.names().register(table);
        tables.put(table.source(), table);
    }

    /**
     * Registers {@code table} under a new source name (same database): the target table and its indexes (whose
     * names start with the table's) are named by the same rules as a new table, their old names freed first.
     */
    TargetTable rename(TargetTable table, TableId to) {
        TargetNames names = mapper.names();
        names.forget(table.source());
        String name = names.table(to);
        List<TargetIndex> indexes = new ArrayList<>();
        for (TargetIndex index : table.indexes()) {
            indexes.add(new TargetIndex(index.sourceName(), names.index(to, index.sourceName()), index.unique(),
                    index.columns()));
        }
        TargetTable renamed = new TargetTable(to, table.schema(), name, table.columns(), table.primaryKey(),
                indexes, table.notes());
        names.register(renamed);
        tables.remove(table.source());
        tables.put(to, renamed);
        return renamed;
    }

    /** For a table the filter accepts but that has no target table: replicating it now would miss rows. */
    IllegalStateException notCopied(TableId id, Object position) {
        return new IllegalStateException("table " + id + " matches the table filter but was not copied by the "
                + "snapshot (created while the snapshot ran?), seen at " + position + "; copy it (run the snapshot "
                + "for it again) or exclude it from the filter");
    }

    TargetTable drop(TableId id) {
        mapper.names().forget(id);
        return tables.remove(id);
    }

    /** The source tables replicated now. */
    List<TableId> ids() {
        return List.copyOf(tables.keySet());
    }
}
