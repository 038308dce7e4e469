package io.tandem.sink.postgres.apply;

import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.sql.TableSql;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rendered statements per table definition, so SQL text is built once per table rather than per batch. Keyed by
 * the whole definition: a table whose columns change gets new statements. Bounded, least recently used first out.
 */
final class StatementCache {

    private final Map<TargetTable, TableSql> cache;

    StatementCache(int maxTables) {
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TargetTable, TableSql> eldest) {
                return size() > maxTables;
            }
        };
    }

    synchronized TableSql get(TargetTable table) {
        return cache.computeIfAbsent(table, TableSql::of);
    }
}
