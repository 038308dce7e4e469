package io.tandem.connect.record;

import io.tandem.connectors.mysql.stream.ExactTypeChange;
import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.TableAlteration;
import io.tandem.engine.change.TableAlteration.AddColumn;
import io.tandem.engine.change.TableAlteration.AddPrimaryKey;
import io.tandem.engine.change.TableAlteration.AlterColumn;
import io.tandem.engine.change.TableAlteration.DropColumn;
import io.tandem.engine.change.TableAlteration.DropPrimaryKey;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.connect.errors.DataException;

/**
 * The steps that turn the table tandem writes into the one a newer record schema describes. A record schema says
 * which columns exist, not which statement made them, so only changes that read one way are followed: columns
 * added, columns dropped, a type widened (every old value kept, {@link ExactTypeChange}), nullability, the primary
 * key. A schema that both loses and gains columns may be a rename, which would look like losing a column's
 * values; it is refused, as is a type change PostgreSQL's cast cannot make exactly, naming the fix.
 */
final class TableSchemaChange {

    private TableSchemaChange() {
    }

    /**
     * @param backfillSql the value existing rows get in an added column, as SQL, or null for NULL
     * @throws DataException for a change that cannot be followed from record schemas
     */
    static AlterTable between(TargetTable before, TargetTable after, Function<TargetColumn, String> backfillSql,
                              SourcePosition position) {
        Map<String, TargetColumn> old = bySourceName(before);
        Map<String, TargetColumn> now = bySourceName(after);
        List<String> dropped = old.keySet().stream().filter(name -> !now.containsKey(name)).toList();
        List<String> added = now.keySet().stream().filter(name -> !old.containsKey(name)).toList();
        if (!dropped.isEmpty() && !added.isEmpty()) {
            throw refused(before, "columns " + dropped + " are gone and " + added + " are new in one change; a "
                    + "record schema cannot tell a rename from a drop and an add, and a drop would lose the "
                    + "values. Make the same change on the target table by hand (ALTER TABLE … RENAME COLUMN), "
                    + "then restart the task", position);
        }
        List<TableAlteration> steps = new ArrayList<>();
        boolean keyChanges = !before.primaryKey().equals(after.primaryKey());
        if (keyChanges && before.hasPrimaryKey()) {
            steps.add(new DropPrimaryKey());
        }
        for (String name : dropped) {
            steps.add(new DropColumn(old.get(name).name()));
        }
        for (String name : added) {
            TargetColumn column = now.get(name);
            String backfill = backfillSql.apply(column);
            if (backfill == null && !column.nullable()) {
                throw refused(before, "column " + name + " is new and NOT NULL, and its record schema carries no "
                        + "default for the rows it already has; add it on the target by hand with the value the "
                        + "source gave them, then restart the task", position);
            }
            steps.add(new AddColumn(column, backfill));
        }
        for (Map.Entry<String, TargetColumn> entry : now.entrySet()) {
            TargetColumn was = old.get(entry.getKey());
            TargetColumn is = entry.getValue();
            if (was == null || (was.pgType().equals(is.pgType()) && was.nullable() == is.nullable()
                    && was.kind() == is.kind())) {
                continue;
            }
            if (was.kind() != is.kind() || !ExactTypeChange.widens(was.pgType(), is.pgType())) {
                throw refused(before, "column " + entry.getKey() + " changed from " + was.pgType() + " to "
                        + is.pgType() + ", which PostgreSQL's cast does not convert as MySQL did; on Kafka Connect "
                        + "tandem cannot copy the table again online (the daemon can): drop the target table and "
                        + "have the source connector snapshot it again (a Debezium execute-snapshot signal)",
                        position);
            }
            steps.add(new AlterColumn(was, is));
        }
        if (keyChanges && after.hasPrimaryKey()) {
            steps.add(new AddPrimaryKey(after.primaryKey()));
        }
        return new AlterTable(before, after, steps, position);
    }

    private static Map<String, TargetColumn> bySourceName(TargetTable table) {
        Map<String, TargetColumn> columns = new LinkedHashMap<>();
        table.columns().forEach(column -> columns.put(column.sourceName(), column));
        return columns;
    }

    private static DataException refused(TargetTable table, String why, SourcePosition position) {
        return new DataException("table " + table.source() + " changed at " + position.description() + ": " + why);
    }
}
