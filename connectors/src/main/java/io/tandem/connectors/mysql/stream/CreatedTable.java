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
 * and indexes from the parsed statement ({@link ParsedDdl}), since Debezium's structures hold no indexes and call a
 * unique index of a table without a key its primary key. {@code CREATE TABLE … LIKE} a replicated table copies
 * that table's key and indexes as tandem has them.
 */
final class CreatedTable {

    private static final Logger LOG = LoggerFactory.getLogger(CreatedTable.class);

    private CreatedTable() {
    }

    /**
     * @param parsed the new table as Debezium parsed it
     * @param statement the statement that created it; its key and indexes are known only from a CREATE TABLE
     * @param defaultDatabase the statement's default database, for an unqualified {@code LIKE} name
     * @param replicated the target definition of a replicated source table, or null
     */
    static SourceTable of(SourceTable parsed, ParsedDdl statement, String defaultDatabase,
                          Function<TableId, TargetTable> replicated) {
        if (statement instanceof ParsedDdl.CreateTableLike like) {
            return like(parsed, like.original().in(defaultDatabase), replicated);
        }
        if (statement instanceof ParsedDdl.CreateTable create) {
            return withIndexes(parsed, create);
        }
        // Another statement that creates a table (Debezium reports none today): no key or index is known.
        LOG.warn("{} is created by a statement tandem does not read as CREATE TABLE, so its key and secondary "
                + "indexes are not created on the target", parsed.id());
        return new SourceTable(parsed.id(), parsed.columns(), List.of(), List.of());
    }

    private static SourceTable like(SourceTable parsed, TableId originalId, Function<TableId, TargetTable> replicated) {
        TargetTable original = replicated.apply(originalId);
        if (original != null) {
            return copyOf(parsed, original);
        }
        LOG.warn("{} is created LIKE {}, which tandem does not replicate, so its secondary indexes are unknown "
                + "and not created on the target", parsed.id(), originalId);
        return parsed;
    }

    private static SourceTable withIndexes(SourceTable parsed, ParsedDdl.CreateTable create) {
        Set<String> taken = new HashSet<>();
        List<SourceIndex> indexes = new ArrayList<>();
        for (IndexDefinition written : create.indexes()) {
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
        List<String> key = create.definesPrimaryKey() ? parsed.primaryKey() : List.of();
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
