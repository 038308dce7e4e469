package io.tandem.deploy.replication;

import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which definition each table starts streaming with. The stream resumes at the committed position, which may lie
 * before DDL the source already ran (tandem was stopped, or crashed before committing it); decoding from there
 * needs the definitions committed with that position ({@code tandem.tables}), and the pending DDL then brings the
 * target up to date as it arrives. Today's mapping is only right for tables copied in this run: their copy is
 * consistent with today's schema, and the stream skips their older events.
 *
 * @param streamed every table the stream starts with, by source id: stored definitions for copied tables, fresh
 *     mappings for the rest, plus stored tables the source no longer has (their DROP or RENAME is still pending)
 * @param fresh the tables to create and copy (if not yet copied) with today's mapping
 */
record StartingTables(Map<TableId, TargetTable> streamed, Map<TableId, TargetTable> fresh) {

    private static final Logger LOG = LoggerFactory.getLogger(StartingTables.class);

    StartingTables {
        streamed = Map.copyOf(streamed);
        fresh = Map.copyOf(fresh);
    }

    /**
     * @param mapped today's source tables, mapped
     * @param stored the definitions committed with the stored position
     * @param copied the tables whose copy has committed
     * @param wanted the table filter; a stored table it no longer accepts is left alone
     */
    static StartingTables choose(Map<TableId, TargetTable> mapped, Map<TableId, TargetTable> stored,
                                 Set<TableId> copied, Predicate<TableId> wanted) {
        Map<TableId, TargetTable> streamed = new LinkedHashMap<>();
        Map<TableId, TargetTable> fresh = new LinkedHashMap<>();
        for (Map.Entry<TableId, TargetTable> table : mapped.entrySet()) {
            TableId id = table.getKey();
            TargetTable committed = stored.get(id);
            if (copied.contains(id) && committed != null) {
                if (!committed.equals(table.getValue())) {
                    LOG.info("{} changed on the source after the stored position; it streams with its stored "
                            + "definition and the pending schema change in the binlog brings it up to date", id);
                }
                streamed.put(id, committed);
            } else {
                // Not copied yet (the copy uses today's schema), or copied by a tandem that stored no definitions.
                streamed.put(id, table.getValue());
                fresh.put(id, table.getValue());
            }
        }
        for (TargetTable committed : stored.values()) {
            TableId id = committed.source();
            if (!mapped.containsKey(id) && wanted.test(id)) {
                LOG.info("{} is gone from the source (dropped or renamed after the stored position); the stream "
                        + "applies its pending DROP or RENAME", id);
                streamed.put(id, committed);
            }
        }
        return new StartingTables(streamed, fresh);
    }
}
