package io.tandem.connectors.mysql.stream;

import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TableMapper;
import io.tandem.engine.transform.TargetTable;
import java.util.Collection;
import java.util.HashMap;
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
