package io.tandem.engine.transform;

import io.tandem.engine.model.TableId;
import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL table as tandem creates and writes it. Row values in events are aligned with {@link #columns()}:
 * value {@code i} belongs to column {@code i}.
 *
 * @param source the source table this one replicates
 * @param schema the PostgreSQL schema (by default the source database name)
 * @param primaryKey target column names of the key; empty for a table without one (rows are then matched by
 *     all their values, one physical row at a time)
 * @param notes what the mapping could not carry over (e.g. a FULLTEXT index), for the plan and the log
 */
public record TargetTable(
        TableId source,
        String schema,
        String name,
        List<TargetColumn> columns,
        List<String> primaryKey,
        List<TargetIndex> indexes,
        List<String> notes) {

    public TargetTable {
        Objects.requireNonNull(source, "source");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
        notes = List.copyOf(notes);
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    public int columnIndex(String targetName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(targetName)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code "schema"."name"} for log messages; SQL builders quote through their own helper. */
    public String displayName() {
        return schema + "." + name;
    }
}
