package io.tandem.connectors.mysql.stream;

import io.tandem.engine.change.TableAlteration;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.TableMapper;
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
 * The index part of a statement ({@link DdlNames}) against the indexes tandem created for the table: drops and
 * renames of those indexes, and the new ones. Indexes come from the statement text, since Debezium's structures
 * hold none, and reading them from the live source instead would race with later DDL already run there. An index
 * tandem did not create (FULLTEXT, SPATIAL, prefix) is not on the target, so dropping or renaming it changes
 * nothing there; a new one of those kinds is not created, by the same rule as at snapshot time.
 */
final class IndexSteps {

    private static final Logger LOG = LoggerFactory.getLogger(IndexSteps.class);

    private final TargetTable before;
    private final DdlNames names;
    private final List<TargetIndex> kept = new ArrayList<>();
    private final List<TableAlteration> dropsAndRenames = new ArrayList<>();

    IndexSteps(TargetTable before, DdlNames names) {
        this.before = before;
        this.names = names;
        kept.addAll(before.indexes());
        for (String index : names.droppedIndexes()) {
            String targetName = targetName(index);
            if (kept.removeIf(known -> known.name().equals(targetName))) {
                dropsAndRenames.add(new TableAlteration.DropIndex(targetName));
            }
        }
        names.indexRenames().forEach((from, to) -> {
            String oldName = targetName(from);
            String newName = targetName(to);
            for (int i = 0; i < kept.size(); i++) {
                TargetIndex index = kept.get(i);
                if (index.name().equals(oldName) && !oldName.equals(newName)) {
                    kept.set(i, new TargetIndex(newName, index.unique(), index.columns()));
                    dropsAndRenames.add(new TableAlteration.RenameIndex(oldName, newName));
                }
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
     * @param mapper decides, as at snapshot time, whether an index is created (and notes why not)
     * @param refused builds the error for an index the target cannot have
     */
    List<TargetIndex> added(List<TargetColumn> columns, TableMapper mapper,
                            Function<String, UnsupportedSchemaChangeException> refused) {
        Set<String> taken = new HashSet<>();
        kept.forEach(index -> taken.add(index.name().toLowerCase(Locale.ROOT)));
        List<TargetIndex> added = new ArrayList<>();
        for (IndexDefinition written : names.addedIndexes()) {
            if (written.name() == null && written.hasExpression()) {
                LOG.info("Schema change on {}: an unnamed index on an expression is not created on the target",
                        before.source());
                continue;
            }
            IndexDefinition definition = written.named(
                    candidate -> taken.contains(targetName(candidate).toLowerCase(Locale.ROOT)));
            String name = targetName(definition.name());
            taken.add(name.toLowerCase(Locale.ROOT));
            if (definition.hasExpression()) {
                LOG.info("Schema change on {}: index {} on an expression is not created on the target",
                        before.source(), definition.name());
                continue;
            }
            TargetTable mapped = mapper.map(new SourceTable(before.source(), List.of(), List.of(),
                    List.of(definition.toSourceIndex())));
            if (mapped.indexes().isEmpty()) {
                mapped.notes().forEach(note -> LOG.info("Schema change on {}: {}", before.source(), note));
                continue;
            }
            List<String> targetColumns = new ArrayList<>();
            for (String column : definition.columns()) {
                targetColumns.add(columns.stream().filter(c -> c.sourceName().equalsIgnoreCase(column))
                        .map(TargetColumn::name).findFirst()
                        .orElseThrow(() -> refused.apply("index " + definition.name() + " names column " + column
                                + ", which the table does not have afterwards")));
            }
            added.add(new TargetIndex(name, definition.unique(), targetColumns));
        }
        return added;
    }

    private String targetName(String sourceIndex) {
        return MySqlTableMapper.indexName(before.source().table(), sourceIndex);
    }
}
