package io.tandem.connectors.postgres.stream;

import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.util.HashMap;
import java.util.Map;

/** tandem's definitions of the replicated tables, found by their PostgreSQL schema and name as pgoutput names them. */
final class PublishedTables {

    private record Relation(String schema, String name) {
    }

    private final Map<Relation, TargetTable> byRelation = new HashMap<>();

    PublishedTables(Map<TableId, TargetTable> tables) {
        tables.values().forEach(table -> byRelation.put(new Relation(table.schema(), table.name()), table));
    }

    /** The definition of {@code schema.name}, or null when tandem does not replicate it. */
    TargetTable get(String schema, String name) {
        return byRelation.get(new Relation(schema, name));
    }
}
