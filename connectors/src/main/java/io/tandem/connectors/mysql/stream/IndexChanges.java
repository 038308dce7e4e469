package io.tandem.connectors.mysql.stream;

import java.util.List;
import java.util.Map;

/**
 * What a statement does to a table's secondary indexes, read from its text because Debezium's table structures
 * carry none.
 *
 * @param dropped index names of {@code DROP INDEX|KEY name}, {@code DROP CONSTRAINT name} (a unique constraint is
 *     an index; other constraints match none) and {@code DROP INDEX name ON t}
 * @param renamed old index name → new name, from {@code RENAME INDEX|KEY a TO b}, in statement order
 * @param added indexes of {@code ADD [CONSTRAINT [c]] UNIQUE|INDEX|KEY|FULLTEXT|SPATIAL …}, of a column
 *     definition's {@code UNIQUE}, of {@code CREATE … INDEX … ON t}, and those {@code CREATE TABLE} defines, in
 *     statement order
 */
record IndexChanges(List<String> dropped, Map<String, String> renamed, List<IndexDefinition> added) {

    static final IndexChanges NONE = new IndexChanges(List.of(), Map.of(), List.of());

    IndexChanges {
        dropped = List.copyOf(dropped);
        renamed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(renamed));
        added = List.copyOf(added);
    }
}
