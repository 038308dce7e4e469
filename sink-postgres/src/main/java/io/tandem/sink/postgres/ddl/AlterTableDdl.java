package io.tandem.sink.postgres.ddl;

import static io.tandem.sink.postgres.sql.SqlIdentifiers.qualified;
import static io.tandem.sink.postgres.sql.SqlIdentifiers.quote;
import static io.tandem.sink.postgres.sql.SqlIdentifiers.quotedList;

import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.TableAlteration;
import io.tandem.engine.change.TableAlteration.AddColumn;
import io.tandem.engine.change.TableAlteration.AddPrimaryKey;
import io.tandem.engine.change.TableAlteration.AlterColumn;
import io.tandem.engine.change.TableAlteration.CreateIndex;
import io.tandem.engine.change.TableAlteration.DropColumn;
import io.tandem.engine.change.TableAlteration.DropIndex;
import io.tandem.engine.change.TableAlteration.DropPrimaryKey;
import io.tandem.engine.change.TableAlteration.RenameColumn;
import io.tandem.engine.change.TableAlteration.RenameIndex;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders the PostgreSQL statements of an {@link AlterTable}, one or more per step, in step order. Identifiers are
 * always quoted; the only literals are column defaults and backfill values, already PostgreSQL expressions in the
 * form {@code DefaultTranslator} produces.
 */
public final class AlterTableDdl {

    private AlterTableDdl() {
    }

    /**
     * @param primaryKeyConstraint the name of the table's current primary key constraint; needed only when a step
     *     drops the key (null otherwise)
     */
    public static List<String> render(AlterTable change, String primaryKeyConstraint) {
        String table = qualified(change.before());
        List<String> statements = new ArrayList<>();
        for (TableAlteration step : change.steps()) {
            if (step instanceof AddColumn add) {
                addColumn(table, add, statements);
            } else if (step instanceof DropColumn drop) {
                statements.add("ALTER TABLE " + table + " DROP COLUMN " + quote(drop.name()));
            } else if (step instanceof RenameColumn rename) {
                statements.add("ALTER TABLE " + table + " RENAME COLUMN " + quote(rename.from()) + " TO "
                        + quote(rename.to()));
            } else if (step instanceof AlterColumn alter) {
                alterColumn(table, alter.before(), alter.after(), statements);
            } else if (step instanceof DropPrimaryKey) {
                if (primaryKeyConstraint != null) {
                    statements.add("ALTER TABLE " + table + " DROP CONSTRAINT " + quote(primaryKeyConstraint));
                }
            } else if (step instanceof AddPrimaryKey key) {
                statements.add("ALTER TABLE " + table + " ADD PRIMARY KEY (" + quotedList(key.columns()) + ")");
            } else if (step instanceof DropIndex index) {
                statements.add("DROP INDEX IF EXISTS " + qualified(change.before().schema(), index.name()));
            } else if (step instanceof CreateIndex create) {
                statements.add(TableDdl.createIndex(table, create.index()));
            } else if (step instanceof RenameIndex rename) {
                statements.add("ALTER INDEX " + qualified(change.before().schema(), rename.from()) + " RENAME TO "
                        + quote(rename.to()));
            } else {
                throw new IllegalArgumentException("unknown table alteration " + step);
            }
        }
        return statements;
    }

    /**
     * PostgreSQL fills existing rows with the DEFAULT of ADD COLUMN, as MySQL does. When the value existing rows
     * get differs from the column's own default (a NOT NULL column without one gets MySQL's implicit default),
     * the column is added with the backfill value as its default, and then given its real default.
     */
    private static void addColumn(String table, AddColumn add, List<String> statements) {
        TargetColumn column = add.column();
        if (Objects.equals(add.backfillSql(), column.defaultSql())) {
            statements.add("ALTER TABLE " + table + " ADD COLUMN " + TableDdl.columnDefinition(column));
            return;
        }
        StringBuilder definition = new StringBuilder(quote(column.name())).append(' ').append(column.pgType());
        if (add.backfillSql() != null) {
            definition.append(" DEFAULT ").append(add.backfillSql());
        }
        if (!column.nullable()) {
            definition.append(" NOT NULL");
        }
        statements.add("ALTER TABLE " + table + " ADD COLUMN " + definition);
        statements.add(setDefault(table, column.name(), column.defaultSql()));
    }

    /**
     * A type change drops the old default first (PostgreSQL would try to cast it and may fail) and sets the new
     * one after; values are converted with a cast to the new type.
     */
    private static void alterColumn(String table, TargetColumn before, TargetColumn after, List<String> statements) {
        String column = quote(after.name());
        boolean typeChanges = !before.pgType().equals(after.pgType());
        if (before.identity() && !after.identity()) {
            statements.add("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP IDENTITY IF EXISTS");
        }
        boolean dropDefaultFirst = typeChanges && before.defaultSql() != null;
        if (dropDefaultFirst) {
            statements.add(setDefault(table, after.name(), null));
        }
        if (typeChanges) {
            statements.add("ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE " + after.pgType()
                    + " USING " + conversion(column, before, after));
        }
        String currentDefault = dropDefaultFirst ? null : before.defaultSql();
        if (!Objects.equals(currentDefault, after.defaultSql())) {
            statements.add(setDefault(table, after.name(), after.defaultSql()));
        }
        if (before.nullable() != after.nullable()) {
            statements.add("ALTER TABLE " + table + " ALTER COLUMN " + column
                    + (after.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
        }
    }

    /**
     * A cast, except between bytes and text: MySQL converts those as the characters' UTF-8 bytes, while
     * PostgreSQL's casts would read or write the {@code \x…} escape form.
     */
    private static String conversion(String column, TargetColumn before, TargetColumn after) {
        if (before.kind() == ValueKind.BYTES && after.kind() == ValueKind.TEXT) {
            return "convert_from(" + column + ", 'UTF8')::" + after.pgType();
        }
        if (before.kind() == ValueKind.TEXT && after.kind() == ValueKind.BYTES) {
            return "convert_to(" + column + ", 'UTF8')";
        }
        return column + "::" + after.pgType();
    }

    private static String setDefault(String table, String column, String defaultSql) {
        return "ALTER TABLE " + table + " ALTER COLUMN " + quote(column)
                + (defaultSql == null ? " DROP DEFAULT" : " SET DEFAULT " + defaultSql);
    }
}
