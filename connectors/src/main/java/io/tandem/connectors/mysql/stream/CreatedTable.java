package io.tandem.connectors.mysql.stream;

import io.tandem.engine.model.SourceIndex;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetIndex;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The structure of a table created while streaming: its columns from Debezium's {@code tableChanges}, its key
 * and indexes from the statement ({@link DdlNames}), since Debezium's structures hold no indexes and call a
 * unique index of a table without a key its primary key. {@code CREATE TABLE … LIKE} a replicated table copies
 * that table's key and indexes as tandem has them.
 */
final class CreatedTable {

    private static final Logger LOG = LoggerFactory.getLogger(CreatedTable.class);

    private CreatedTable() {
    }

    /**
     * @param parsed the new table as Debezium parsed it
     * @param replicated the target definition of a replicated source table, or null
     * @throws IllegalArgumentException when the statement cannot be read
     */
    static SourceTable of(SourceTable parsed, String ddl, Function<TableId, TargetTable> replicated) {
        String[] like = DdlNames.createTableLike(ddl);
        if (like != null) {
            TableId originalId = new TableId(like[0] != null ? like[0] : parsed.id().database(), like[1]);
            TargetTable original = replicated.apply(originalId);
            if (original != null) {
                return copyOf(parsed, original);
            }
            LOG.warn("{} is created LIKE {}, which tandem does not replicate, so its secondary indexes are unknown "
                    + "and not created on the target", parsed.id(), originalId);
            return parsed;
        }
        DdlNames names = DdlNames.of(ddl);
        Set<String> taken = new HashSet<>();
        List<SourceIndex> indexes = new ArrayList<>();
        for (IndexDefinition written : names.addedIndexes()) {
            if (written.name() == null && written.hasExpression()) {
                LOG.info("{}: an unnamed index on an expression is not created on the target", parsed.id());
                continue;
            }
            IndexDefinition definition = written.named(name -> taken.contains(name.toLowerCase(Locale.ROOT)));
            taken.add(definition.name().toLowerCase(Locale.ROOT));
            if (definition.hasExpression()) {
                LOG.info("{}: index {} on an expression is not created on the target", parsed.id(), definition.name());
                continue;
            }
            indexes.add(definition.toSourceIndex());
        }
        List<String> key = names.touchesPrimaryKey() ? parsed.primaryKey() : List.of();
        return new SourceTable(parsed.id(), parsed.columns(), key, indexes);
    }

    /** MySQL's LIKE copies the key and every index; tandem copies those the original has on the target. */
    private static SourceTable copyOf(SourceTable parsed, TargetTable original) {
        List<SourceIndex> indexes = new ArrayList<>();
        for (TargetIndex index : original.indexes()) {
            List<String> columns = index.columns().stream().map(c -> sourceName(original, c)).toList();
            indexes.add(new SourceIndex(index.sourceName(), index.unique(), columns,
                    columns.stream().map(c -> 0).toList(), null));
        }
        List<String> key = original.primaryKey().stream().map(c -> sourceName(original, c)).toList();
        return new SourceTable(parsed.id(), parsed.columns(), key, indexes);
    }

    private static String sourceName(TargetTable table, String targetColumn) {
        return table.columns().stream().filter(c -> c.name().equals(targetColumn)).map(TargetColumn::sourceName)
                .findFirst().orElse(targetColumn);
    }
}
