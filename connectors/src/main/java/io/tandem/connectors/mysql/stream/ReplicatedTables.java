package io.tandem.connectors.mysql.stream;

import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.TableMapper;
import io.tandem.engine.transform.TargetIndex;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The tables the stream replicates, as it goes: those the snapshot copied, plus those created later that pass the
 * table filter, minus those dropped. Only the decoder thread touches it.
 */
final class ReplicatedTables {

    private final Map<TableId, TargetTable> tables;
    private final Predicate<TableId> filter;
    private final TableMapper mapper;

    ReplicatedTables(Map<TableId, TargetTable> initial, Predicate<TableId> filter, TableMapper mapper) {
        this.tables = new HashMap<>(initial);
        this.filter = filter;
        this.mapper = mapper;
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

    /** Maps a table's new structure without registering it. */
    TargetTable map(SourceTable source) {
        return mapper.map(source);
    }

    /** The mapping tables created while streaming go through; also decides which new indexes are created. */
    TableMapper mapper() {
        return mapper;
    }

    /** The table's definition from now on (after an ALTER). */
    void replace(TargetTable table) {
        tables.put(table.source(), table);
    }

    /**
     * Registers {@code table} under a new source name (same database): the target table takes the new name, and
     * index names that carry the old table name ({@link MySqlTableMapper#indexName}) the new one.
     */
    TargetTable rename(TargetTable table, TableId to) {
        String oldPrefix = table.source().table() + "_";
        List<TargetIndex> indexes = new ArrayList<>();
        for (TargetIndex index : table.indexes()) {
            String name = index.name();
            if (name.startsWith(oldPrefix)) {
                String sourceName = name.substring(oldPrefix.length());
                if (MySqlTableMapper.indexName(table.source().table(), sourceName).equals(name)) {
                    name = MySqlTableMapper.indexName(to.table(), sourceName);
                }
            }
            indexes.add(new TargetIndex(name, index.unique(), index.columns()));
        }
        TargetTable renamed = new TargetTable(to, table.schema(), to.table(), table.columns(), table.primaryKey(),
                indexes, table.notes());
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
        return tables.remove(id);
    }

    Collection<TargetTable> all() {
        return tables.values();
    }
}
