package io.tandem.connectors.mysql.stream;

import io.tandem.engine.change.TableAlteration;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetIndex;
import io.tandem.engine.transform.TargetNames;
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
 * The index part of a statement ({@link IndexChanges}) against the indexes tandem created for the table: drops and
 * renames of those indexes, and the new ones. Indexes come from the statement text, since Debezium's structures
 * hold none, and reading them from the live source instead would race with later DDL already run there. An index
 * tandem did not create (FULLTEXT, SPATIAL, prefix) is not on the target, so dropping or renaming it changes
 * nothing there; a new one of those kinds is not created, by the same rule as at snapshot time.
 */
final class IndexSteps {

    private static final Logger LOG = LoggerFactory.getLogger(IndexSteps.class);

    private final TargetTable before;
    private final IndexChanges changes;
    private final TargetNames targetNames;
    private final List<TargetIndex> kept = new ArrayList<>();
    private final List<TableAlteration> dropsAndRenames = new ArrayList<>();

    /** @param targetNames names the new and renamed indexes on the target */
    IndexSteps(TargetTable before, IndexChanges changes, TargetNames targetNames) {
        this.before = before;
        this.changes = changes;
        this.targetNames = targetNames;
        kept.addAll(before.indexes());
        for (String index : changes.dropped()) {
            TargetIndex dropped = find(index);
            if (dropped != null) {
                kept.remove(dropped);
                dropsAndRenames.add(new TableAlteration.DropIndex(dropped.name()));
            }
        }
        changes.renamed().forEach((from, to) -> {
            TargetIndex index = find(from);
            if (index == null) {
                return; // an index tandem did not create
            }
            String newName = targetNames.index(before.source(), to);
            kept.set(kept.indexOf(index), new TargetIndex(to, newName, index.unique(), index.columns()));
            if (!newName.equals(index.name())) {
                dropsAndRenames.add(new TableAlteration.RenameIndex(index.name(), newName));
            }
        });
    }

    /** Index drops and renames, in that order (MySQL applies drops before renames and adds). */
    List<TableAlteration> dropsAndRenames() {
        return dropsAndRenames;
    }

    /** The table's indexes after the drops and renames, before the new ones. */
    List<TargetIndex> kept() {
        return kept;
    }

    /**
     * The new indexes tandem creates, in statement order, over the table's columns after the statement.
     *
     * @param refused builds the error for an index the target cannot have
     */
    List<TargetIndex> added(List<TargetColumn> columns, Function<String, UnsupportedSchemaChangeException> refused) {
        // MySQL names an unnamed index after its first column, avoiding the table's other index names.
        Set<String> taken = new HashSet<>();
        kept.forEach(index -> taken.add(index.sourceName().toLowerCase(Locale.ROOT)));
        List<TargetIndex> added = new ArrayList<>();
        for (IndexDefinition written : changes.added()) {
            if (written.name() == null && written.hasExpression()) {
                LOG.info("Schema change on {}: an unnamed index on an expression is not created on the target",
                        before.source());
                continue;
            }
            IndexDefinition definition = written.named(candidate -> taken.contains(candidate.toLowerCase(Locale.ROOT)));
            taken.add(definition.name().toLowerCase(Locale.ROOT));
            if (definition.hasExpression()) {
                LOG.info("Schema change on {}: index {} on an expression is not created on the target",
                        before.source(), definition.name());
                continue;
            }
            String skipped = MySqlTableMapper.whyNotCreated(definition.toSourceIndex());
            if (skipped != null) {
                LOG.info("Schema change on {}: {}", before.source(), skipped);
                continue;
            }
            List<String> targetColumns = new ArrayList<>();
            for (String column : definition.columns()) {
                targetColumns.add(columns.stream().filter(c -> c.sourceName().equalsIgnoreCase(column))
                        .map(TargetColumn::name).findFirst()
                        .orElseThrow(() -> refused.apply("index " + definition.name() + " names column " + column
                                + ", which the table does not have afterwards")));
            }
            added.add(new TargetIndex(definition.name(), targetNames.index(before.source(), definition.name()),
                    definition.unique(), targetColumns));
        }
        return added;
    }

    /** A known index by its source name; MySQL index names are case-insensitive. */
    private TargetIndex find(String sourceName) {
        return kept.stream().filter(index -> index.sourceName().equalsIgnoreCase(sourceName)).findFirst()
                .orElse(null);
    }
}
