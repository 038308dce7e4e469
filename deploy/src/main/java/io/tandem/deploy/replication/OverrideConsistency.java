package io.tandem.deploy.replication;

import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.ColumnOverride;
import io.tandem.engine.transform.ColumnOverrides;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The checks that the config's column overrides describe the tables tandem writes: each names a replicated column,
 * and a table already copied was copied with the overrides the config has now. An override only takes effect when
 * a table is created and copied; one added, changed or removed later would otherwise be silently ignored (the
 * stream resumes with the stored definition), or would write values of one type into a column of another.
 */
final class OverrideConsistency {

    private OverrideConsistency() {
    }

    /** @throws IllegalStateException naming each override that matches no replicated column, and the fix */
    static void requireMatches(ColumnOverrides overrides, List<SourceTable> replicated) {
        List<String> problems = overrides.unmatched(replicated);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("column overrides of the config name columns tandem does not replicate:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /**
     * @param mapped today's tables mapped with the config's overrides
     * @param stored the definitions copied tables resume with
     * @param copied the tables whose copy has committed
     * @throws IllegalStateException naming each column whose override differs from the one it was copied with
     */
    static void requireUnchangedSinceCopy(Map<TableId, TargetTable> mapped, Map<TableId, TargetTable> stored,
                                          Set<TableId> copied) {
        List<String> problems = new ArrayList<>();
        for (TableId id : copied) {
            TargetTable now = mapped.get(id);
            TargetTable then = stored.get(id);
            if (now == null || then == null) {
                continue;
            }
            for (TargetColumn column : now.columns()) {
                TargetColumn copiedColumn = find(then, column.sourceName());
                if (copiedColumn != null && !Objects.equals(copiedColumn.override(), column.override())) {
                    problems.add("columns.\"" + id + "." + column.sourceName() + "\": " + id + " was copied with "
                            + column.sourceName() + " as " + describe(copiedColumn.pgType(), copiedColumn.override())
                            + ", the config now says " + describe(column.pgType(), column.override()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("column overrides changed after these tables were copied; an override "
                    + "applies when a table is copied, so restore the override as it was, or copy the table again "
                    + "(drop it on the target and delete its row in tandem.snapshot_tables, then restart):\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static TargetColumn find(TargetTable table, String sourceName) {
        return table.columns().stream().filter(c -> c.sourceName().equals(sourceName)).findFirst().orElse(null);
    }

    private static String describe(String pgType, ColumnOverride override) {
        return override == null ? pgType + " (no override)" : override.describe() + " (override)";
    }
}
