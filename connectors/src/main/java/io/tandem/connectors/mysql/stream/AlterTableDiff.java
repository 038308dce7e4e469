package io.tandem.connectors.mysql.stream;

import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.TableAlteration;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.transform.MySqlColumnType;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetIndex;
import io.tandem.engine.transform.TargetNames;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns an {@code ALTER TABLE} into the steps from the target table tandem writes today to the one the source now
 * has: the columns come from Debezium's {@code tableChanges}, mapped like any table; which column was renamed to
 * which, the indexes added, renamed and dropped, and whether the key changes, from the parsed statement
 * ({@link ParsedDdl.AlterTable}, {@link IndexSteps}), since the structures cannot tell a rename from a drop and an
 * add and hold no indexes. Columns are matched by name: PostgreSQL cannot place a
 * column, so {@code FIRST}/{@code AFTER} only change the order of values in events, never the target.
 *
 * <p>Whatever has no exact equivalent is refused with an {@link UnsupportedSchemaChangeException} naming the
 * statement and position, never approximated.
 */
final class AlterTableDiff {

    private final TargetTable before;
    private final SourceTable source;
    private final TargetTable mapped;
    private final String ddl;
    private final SourcePosition position;

    private AlterTableDiff(TargetTable before, SourceTable source, TargetTable mapped, String ddl,
                           SourcePosition position) {
        this.before = before;
        this.source = source;
        this.mapped = mapped;
        this.ddl = ddl;
        this.position = position;
    }

    /**
     * @param before the target table as tandem writes it now
     * @param source the table after the statement, from {@code tableChanges}
     * @param mapped {@code source} mapped to its target form (no indexes: the structures carry none)
     * @param statement the statement, parsed; {@code ddl} is its text
     */
    static AlterTable diff(TargetTable before, SourceTable source, TargetTable mapped, ParsedDdl.AlterTable statement,
                           String ddl, SourcePosition position, TargetNames targetNames) {
        return new AlterTableDiff(before, source, mapped, ddl, position).diff(statement, targetNames);
    }

    private AlterTable diff(ParsedDdl.AlterTable statement, TargetNames targetNames) {
        // A rename along with other changes is applied before the diff, so the table already has the new name.
        boolean renameApplied = !statement.renameOnly() && statement.renamedTo()
                .map(to -> to.name().equals(before.source().table())).orElse(false);
        if (statement.renamedTo().isPresent() && !renameApplied) {
            throw refused("this form of table rename is not supported yet");
        }
        Map<String, String> renames = resolveRenames(statement.columnRenames());
        Map<String, TargetColumn> after = new LinkedHashMap<>();
        for (TargetColumn column : mapped.columns()) {
            after.put(column.sourceName(), column);
        }
        Function<String, String> targetAfter = targetName -> {
            String sourceName = before.columns().get(before.columnIndex(targetName)).sourceName();
            TargetColumn now = after.get(renames.getOrDefault(sourceName, sourceName));
            return now == null ? null : now.name();
        };
        List<String> keyAfterRenames = before.primaryKey().stream().map(targetAfter).toList();
        boolean keyColumnDropped = keyAfterRenames.stream().anyMatch(Objects::isNull);
        // Debezium also reports a unique index added to a table without a key as its primary key (and keeps it
        // after the index is dropped); the source has no key then, so the key follows Debezium's only when the
        // statement itself changes it.
        List<String> keyAfter = statement.touchesPrimaryKey() || keyColumnDropped ? mapped.primaryKey()
                : keyAfterRenames;
        boolean keyChanges = !keyAfterRenames.equals(keyAfter);

        List<TableAlteration> steps = new ArrayList<>();
        if (keyChanges && before.hasPrimaryKey()) {
            steps.add(new TableAlteration.DropPrimaryKey());
        }
        IndexSteps indexSteps = new IndexSteps(before, statement.indexes(), targetNames);
        steps.addAll(indexSteps.dropsAndRenames());
        Set<String> kept = new HashSet<>();
        List<TableAlteration> renameSteps = new ArrayList<>();
        List<TableAlteration> alterSteps = new ArrayList<>();
        for (TargetColumn old : before.columns()) {
            String name = renames.getOrDefault(old.sourceName(), old.sourceName());
            TargetColumn now = after.get(name);
            if (now == null) {
                if (renames.containsKey(old.sourceName())) {
                    throw refused("column " + old.sourceName() + " is renamed to " + name + ", which the table "
                            + "does not have afterwards");
                }
                steps.add(new TableAlteration.DropColumn(old.name()));
                continue;
            }
            kept.add(name);
            // A rename that only changes the case of the source name may keep the (folded) target name.
            if (!now.name().equals(old.name())) {
                renameSteps.add(new TableAlteration.RenameColumn(old.name(), now.name()));
            }
            TargetColumn renamed = new TargetColumn(name, now.name(), old.pgType(), old.kind(), old.nullable(),
                    old.defaultSql(), old.identity(), old.replicated(), old.override());
            if (!Objects.equals(old.override(), now.override())) {
                // The config decides a column's override, so neither a copy nor a skip can put this right.
                throw refusedWhateverThePolicy(overrideChange(old, name, now));
            }
            if (!renamed.equals(now)) {
                if (isTimestamp(old) && isTimestamp(now) && old.kind() != now.kind()) {
                    throw refused("column " + name + " changes between DATETIME and TIMESTAMP, which MySQL converts "
                            + "in the session time zone of the statement, unknown here");
                }
                if (!ExactTypeChange.widens(old.pgType(), now.pgType())) {
                    throw refused("column " + name + " changes type from " + old.pgType() + " to " + now.pgType()
                            + ", which is no widening: MySQL's conversion of existing values may differ from"
                            + " PostgreSQL's cast");
                }
                if (now.identity() && !old.identity()) {
                    throw refused("column " + name + " becomes AUTO_INCREMENT, which is not supported yet");
                }
                alterSteps.add(new TableAlteration.AlterColumn(renamed, now));
            }
        }
        requireNoRenameChains(renames);
        steps.addAll(renameSteps);
        steps.addAll(alterSteps);
        for (TargetColumn column : mapped.columns()) {
            if (!kept.contains(column.sourceName())) {
                steps.add(new TableAlteration.AddColumn(column, backfill(column, statement)));
            }
        }
        if (keyChanges && !keyAfter.isEmpty()) {
            steps.add(new TableAlteration.AddPrimaryKey(keyAfter));
        }
        List<TargetIndex> keptIndexes = new ArrayList<>();
        for (TargetIndex index : indexSteps.kept()) {
            List<String> columns = index.columns().stream().map(targetAfter).filter(Objects::nonNull).toList();
            if (columns.size() == index.columns().size()) {
                keptIndexes.add(new TargetIndex(index.sourceName(), index.name(), index.unique(), columns));
            } else if (!columns.isEmpty()) {
                // MySQL takes a dropped column out of its indexes and keeps them on the remaining columns;
                // PostgreSQL drops an index with any of its columns, so it is created again on the rest.
                TargetIndex narrowed = new TargetIndex(index.sourceName(), index.name(), index.unique(), columns);
                steps.add(new TableAlteration.CreateIndex(narrowed));
                keptIndexes.add(narrowed);
            }
        }
        List<TargetIndex> added = indexSteps.added(mapped.columns(), this::refused);
        added.forEach(index -> steps.add(new TableAlteration.CreateIndex(index)));
        keptIndexes.addAll(added);
        TargetTable table = new TargetTable(before.source(), before.schema(), before.name(), mapped.columns(),
                keyAfter, keptIndexes, mapped.notes());
        return new AlterTable(before, table, steps, position);
    }

    /**
     * A statement that only creates or drops indexes ({@code CREATE INDEX … ON t}, {@code DROP INDEX … ON t}): the
     * columns and the key stay as tandem has them, whatever Debezium's structure says about the key.
     */
    static AlterTable indexesOnly(TargetTable before, IndexChanges changes, String ddl, SourcePosition position,
                                  TargetNames targetNames) {
        AlterTableDiff diff = new AlterTableDiff(before, null, null, ddl, position);
        IndexSteps indexSteps = new IndexSteps(before, changes, targetNames);
        List<TableAlteration> steps = new ArrayList<>(indexSteps.dropsAndRenames());
        List<TargetIndex> indexes = new ArrayList<>(indexSteps.kept());
        List<TargetIndex> added = indexSteps.added(before.columns(), diff::refused);
        added.forEach(index -> steps.add(new TableAlteration.CreateIndex(index)));
        indexes.addAll(added);
        TargetTable after = new TargetTable(before.source(), before.schema(), before.name(), before.columns(),
                before.primaryKey(), indexes, before.notes());
        return new AlterTable(before, after, steps, position);
    }

    private static boolean isTimestamp(TargetColumn column) {
        return column.kind() == ValueKind.TIMESTAMP || column.kind() == ValueKind.TIMESTAMPTZ;
    }

    /**
     * Overrides are keyed by name in the config, so a renamed column (or a column of a renamed table) loses its
     * override, and converting the target column back would need the inverse of the override's expression. The
     * operator knows it: the config has to name the column as it is now.
     */
    private String overrideChange(TargetColumn old, String name, TargetColumn now) {
        String key = "columns.\"" + source.id() + "." + name + "\"";
        return "column " + old.sourceName() + (name.equals(old.sourceName()) ? "" : " (renamed to " + name + ")")
                + " has " + (old.override() == null ? "no override" : "the override " + old.override().describe())
                + " on the target, but " + (now.override() == null ? "no override" : now.override().describe())
                + " afterwards; overrides are keyed by name, so set " + key + " in the config to the override it had"
                + (old.override() == null ? " (or remove it)" : " and remove the old key") + ", then restart";
    }

    /** Column names are case-insensitive in MySQL: a rename may name the column in another case. */
    private Map<String, String> resolveRenames(Map<String, String> written) {
        Map<String, String> resolved = new LinkedHashMap<>();
        written.forEach((from, to) -> {
            String actual = before.columns().stream().map(TargetColumn::sourceName)
                    .filter(name -> name.equalsIgnoreCase(from)).findFirst()
                    .orElseThrow(() -> refused("it renames column " + from + ", which the table does not have"));
            resolved.put(actual, to);
        });
        return resolved;
    }

    /** Renames run one after another on PostgreSQL: a swap or chain ({@code a→b, b→a}) would collide there. */
    private void requireNoRenameChains(Map<String, String> renames) {
        for (String to : renames.values()) {
            if (renames.containsKey(to)) {
                throw refused("column renames that reuse a renamed column's name (" + renames + ") are not "
                        + "supported yet");
            }
        }
    }

    /**
     * The value MySQL gives the existing rows of an added column, without row events: its default; for a
     * NOT NULL column without one, the type's implicit default. A default evaluated at the time of the statement
     * ({@code CURRENT_TIMESTAMP}) would be evaluated at apply time on PostgreSQL, so it is refused.
     */
    private String backfill(TargetColumn column, ParsedDdl.AlterTable statement) {
        SourceColumn sourceColumn = source.columns().stream()
                .filter(c -> c.name().equals(column.sourceName())).findFirst().orElseThrow();
        if (statement.expressionDefaults().contains(column.sourceName())) {
            throw refused("column " + column.name() + " is added with an expression default, which MySQL evaluates "
                    + "for each existing row");
        }
        if (column.identity() || sourceColumn.autoIncrement()) {
            throw refused("adding an AUTO_INCREMENT column numbers the existing rows in the source's order, "
                    + "which the target cannot reproduce");
        }
        boolean sourceDefault = sourceColumn.defaultExpression() != null
                && !sourceColumn.defaultExpression().equalsIgnoreCase("NULL");
        if (column.override() != null && (sourceDefault || !column.nullable())) {
            throw refused("column " + column.name() + " is added with the override " + column.override().describe()
                    + " from config, and the value MySQL gives existing rows is not converted through overrides; "
                    + "add it nullable without a default, or without the override");
        }
        if (column.defaultSql() != null) {
            if (column.defaultSql().equalsIgnoreCase("CURRENT_TIMESTAMP")) {
                throw refused("column " + column.name() + " is added with a default of the statement's time; "
                        + "the target would fill existing rows with another time");
            }
            return column.defaultSql();
        }
        if (sourceColumn.defaultExpression() != null && !sourceColumn.defaultExpression().equalsIgnoreCase("NULL")) {
            throw refused("column " + column.name() + " is added with default " + sourceColumn.defaultExpression()
                    + ", which has no PostgreSQL translation, so existing rows cannot be filled the same way");
        }
        if (column.nullable()) {
            return null;
        }
        String implicit = implicitDefault(sourceColumn);
        if (implicit == null) {
            throw refused("column " + column.name() + " (" + sourceColumn.columnType() + ") is added NOT NULL "
                    + "without a default; MySQL fills existing rows with a value PostgreSQL cannot hold or tandem "
                    + "does not reproduce yet");
        }
        return implicit;
    }

    /** MySQL's implicit default of a NOT NULL column without DEFAULT, as a PostgreSQL literal; null if none fits. */
    private static String implicitDefault(SourceColumn column) {
        MySqlColumnType type = MySqlColumnType.parse(column.columnType());
        return switch (type.base()) {
            case "tinyint", "bool", "boolean", "smallint", "mediumint", "int", "integer", "bigint", "decimal",
                    "numeric", "dec", "fixed", "float", "double", "double precision", "real", "year" -> "0";
            case "bit" -> type.length() <= 1 ? "false" : "B'" + "0".repeat(type.length()) + "'";
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "set" -> "''";
            case "enum" -> column.enumValues().isEmpty() ? null
                    : "'" + column.enumValues().get(0).replace("'", "''") + "'";
            case "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> "'\\x'::bytea";
            case "time" -> "'00:00:00'::interval";
            default -> null; // zero dates, JSON, BINARY(n) padding, spatial: not reproduced
        };
    }

    private UnsupportedSchemaChangeException refused(String reason) {
        return new UnsupportedSchemaChangeException(before.source(), ddl, position, reason);
    }

    private UnsupportedSchemaChangeException refusedWhateverThePolicy(String reason) {
        return new UnsupportedSchemaChangeException(refused(reason).getMessage());
    }
}
