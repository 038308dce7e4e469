package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.TableAlteration.AddColumn;
import io.tandem.engine.change.TableAlteration.AddPrimaryKey;
import io.tandem.engine.change.TableAlteration.AlterColumn;
import io.tandem.engine.change.TableAlteration.CreateIndex;
import io.tandem.engine.change.TableAlteration.DropColumn;
import io.tandem.engine.change.TableAlteration.DropIndex;
import io.tandem.engine.change.TableAlteration.DropPrimaryKey;
import io.tandem.engine.change.TableAlteration.RenameColumn;
import io.tandem.engine.change.TableAlteration.RenameIndex;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceIndex;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.TargetIndex;
import io.tandem.engine.transform.TargetTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlterTableDiffTest {

    private static final TableId ID = new TableId("shop", "items");
    private static final SourcePosition AT = new SourcePosition(Map.of(), Map.of(), "bin.1:100");
    private static final MySqlTableMapper MAPPER = new MySqlTableMapper();

    private static SourceColumn column(String name, String type, boolean nullable, String defaultExpression) {
        return new SourceColumn(name, type, nullable, defaultExpression, false, SourceColumn.Generated.NO, null, null,
                type.startsWith("enum") ? List.of("b", "a") : List.of());
    }

    private static final SourceTable BEFORE = new SourceTable(ID, List.of(column("id", "int(11)", false, null),
            column("name", "varchar(20)", false, null), column("qty", "int(11)", true, "5")), List.of("id"),
            List.of(new SourceIndex("uq_name", true, List.of("name"), List.of(0), "BTREE")));

    private static AlterTable diff(String ddl, SourceTable after) {
        return AlterDiffs.diff(MAPPER.map(BEFORE), after, MAPPER.map(after), ddl, AT, MAPPER.names());
    }

    private static SourceTable after(List<String> key, SourceColumn... columns) {
        return new SourceTable(ID, List.of(columns), key, List.of());
    }

    @Test
    void addedColumnsAreBackfilledLikeMySqlDoes() {
        AlterTable alter = diff("ALTER TABLE items ADD a INT NOT NULL FIRST, ADD e ENUM('b','a') NOT NULL, "
                        + "ADD d VARCHAR(3) DEFAULT 'x', ADD n TEXT",
                after(List.of("id"), column("a", "int(11)", false, null), column("id", "int(11)", false, null),
                        column("name", "varchar(20)", false, null), column("qty", "int(11)", true, "5"),
                        column("e", "enum('b','a')", false, null), column("d", "varchar(3)", true, "'x'"),
                        column("n", "text", true, null)));
        assertEquals(List.of("0", "'b'", "'x'", "null"), alter.steps().stream()
                .map(step -> String.valueOf(((AddColumn) step).backfillSql())).toList());
        assertEquals(List.of("a", "id", "name", "qty", "e", "d", "n"),
                alter.after().columns().stream().map(c -> c.name()).toList(), "events follow the source order");
    }

    @Test
    void aRenameIsARenameNotADropAndAnAdd() {
        AlterTable alter = diff("ALTER TABLE items CHANGE `NAME` title VARCHAR(40) NOT NULL, DROP qty",
                after(List.of("id"), column("id", "int(11)", false, null), column("title", "varchar(40)", false, null)));
        assertEquals(3, alter.steps().size(), alter.steps().toString());
        assertEquals(new DropColumn("qty"), alter.steps().get(0));
        assertEquals(new RenameColumn("name", "title"), alter.steps().get(1));
        AlterColumn type = (AlterColumn) alter.steps().get(2);
        assertEquals(List.of("title", "varchar(20)", "varchar(40)"),
                List.of(type.after().name(), type.before().pgType(), type.after().pgType()));
        assertEquals(List.of("title"), alter.after().indexes().get(0).columns(), "the index follows the rename");
    }

    @Test
    void stepsUseTargetNamesAndARenameThatOnlyChangesCaseRenamesNothing() {
        MySqlTableMapper mapper = new MySqlTableMapper();
        TableId id = new TableId("Shop", "Items");
        SourceTable before = new SourceTable(id, List.of(column("ID", "int(11)", false, null),
                column("Name", "varchar(20)", false, null), column("Qty", "int(11)", true, null)), List.of("ID"),
                List.of(new SourceIndex("UQ_Name", true, List.of("Name"), List.of(0), "BTREE")));
        TargetTable known = mapper.map(before);
        SourceTable after = new SourceTable(id, List.of(column("ID", "int(11)", false, null),
                column("NAME", "varchar(20)", false, null), column("Amount", "int(11)", true, null)), List.of("ID"),
                List.of());
        AlterTable alter = AlterDiffs.diff(known, after, mapper.map(after),
                "ALTER TABLE Items RENAME COLUMN Name TO NAME, CHANGE Qty Amount INT", AT, mapper.names());
        assertEquals(List.of(new RenameColumn("qty", "amount")), alter.steps());
        assertEquals(List.of("id"), alter.after().primaryKey());
        assertEquals(List.of(new TargetIndex("UQ_Name", "items_uq_name", true, List.of("name"))),
                alter.after().indexes());
        AlterTable drop = AlterDiffs.diff(alter.after(), after, mapper.map(after),
                "ALTER TABLE Items DROP INDEX uq_NAME", AT, mapper.names());
        assertEquals(List.of(new DropIndex("items_uq_name")), drop.steps(), "found by its source name, in any case");
    }

    @Test
    void keyChangesDropTheOldKeyFirstAndAddTheNewOneLast() {
        AlterTable alter = diff("ALTER TABLE items DROP PRIMARY KEY, DROP INDEX uq_name, ADD PRIMARY KEY (id, name)",
                after(List.of("id", "name"), column("id", "int(11)", false, null),
                        column("name", "varchar(20)", false, null), column("qty", "int(11)", true, "5")));
        assertEquals(List.of(new DropPrimaryKey(), new DropIndex("items_uq_name"), new AddPrimaryKey(List.of("id", "name"))),
                alter.steps());
        assertEquals(List.of(), alter.after().indexes());
    }

    @Test
    void whatHasNoExactEquivalentIsRefusedNamingStatementAndPosition() {
        UnsupportedSchemaChangeException now = assertThrows(UnsupportedSchemaChangeException.class, () -> diff(
                "ALTER TABLE items ADD at DATETIME DEFAULT CURRENT_TIMESTAMP",
                after(List.of("id"), column("id", "int(11)", false, null), column("name", "varchar(20)", false, null),
                        column("qty", "int(11)", true, "5"), column("at", "datetime", true, "current_timestamp()"))));
        assertTrue(now.getMessage().startsWith("schema change on shop.items is not supported yet: ALTER TABLE items ADD "
                + "at DATETIME DEFAULT CURRENT_TIMESTAMP at bin.1:100"), now.getMessage());
        assertThrows(UnsupportedSchemaChangeException.class, () -> diff("ALTER TABLE items ADD d DATE NOT NULL",
                after(List.of("id"), column("id", "int(11)", false, null), column("name", "varchar(20)", false, null),
                        column("qty", "int(11)", true, "5"), column("d", "date", false, null))));
        assertThrows(UnsupportedSchemaChangeException.class, () -> diff(
                "ALTER TABLE items RENAME COLUMN name TO qty, RENAME COLUMN qty TO name",
                after(List.of("id"), column("id", "int(11)", false, null), column("qty", "varchar(20)", false, null),
                        column("name", "int(11)", true, "5"))));
    }

    @Test
    void indexesAreAddedRenamedAndDroppedFromTheStatement() {
        SourceTable same = after(List.of("id"), column("id", "int(11)", false, null),
                column("name", "varchar(20)", false, null), column("qty", "int(11)", true, "5"));
        AlterTable alter = diff("ALTER TABLE items RENAME INDEX uq_name TO uq_title, ADD UNIQUE (QTY), ADD INDEX (qty),"
                + " ADD INDEX pre (name(5)), ADD FULLTEXT ft (name)", same);
        assertEquals(List.of(new RenameIndex("items_uq_name", "items_uq_title"),
                new CreateIndex(new TargetIndex("QTY", "items_qty", true, List.of("qty"))),
                new CreateIndex(new TargetIndex("qty_2", "items_qty_2", false, List.of("qty")))), alter.steps(),
                "unnamed indexes get the server's names (then folded); prefix and FULLTEXT indexes are not created");
        assertEquals(List.of("items_uq_title", "items_qty", "items_qty_2"),
                alter.after().indexes().stream().map(TargetIndex::name).toList());

        AlterTable drop = diff("ALTER TABLE items DROP CONSTRAINT uq_name", same);
        assertEquals(List.of(new DropIndex("items_uq_name")), drop.steps());
    }

    @Test
    void aUniqueIndexDebeziumTakesForAKeyDoesNotBecomeOne() {
        SourceTable keyless = new SourceTable(ID, List.of(column("id", "int(11)", false, null)), List.of(), List.of());
        SourceTable promoted = new SourceTable(ID, List.of(column("id", "int(11)", false, null)), List.of("id"), List.of());
        AlterTable alter = AlterDiffs.diff(MAPPER.map(keyless), promoted, MAPPER.map(promoted),
                "ALTER TABLE items ADD UNIQUE KEY u (id)", AT, MAPPER.names());
        assertEquals(List.of(new CreateIndex(new TargetIndex("u", "items_u", true, List.of("id")))), alter.steps());
        assertEquals(List.of(), alter.after().primaryKey());

        AlterTable only = AlterDiffs.indexesOnly(MAPPER.map(BEFORE), "CREATE UNIQUE INDEX q ON items (qty)", AT, MAPPER.names());
        assertEquals(List.of(new CreateIndex(new TargetIndex("q", "items_q", true, List.of("qty")))), only.steps());
        assertEquals(List.of("id"), only.after().primaryKey());
        UnsupportedSchemaChangeException missing = assertThrows(UnsupportedSchemaChangeException.class,
                () -> AlterDiffs.indexesOnly(MAPPER.map(BEFORE), "CREATE INDEX q ON items (nope)", AT, MAPPER.names()));
        assertTrue(missing.getMessage().contains("names column nope"), missing.getMessage());
    }

    @Test
    void anIndexLosingAColumnIsKeptOnTheRestAsMySqlDoes() {
        SourceTable before = new SourceTable(ID, List.of(column("id", "int(11)", false, null),
                column("a", "int(11)", true, null), column("b", "int(11)", true, null)), List.of("id"),
                List.of(new SourceIndex("ab", true, List.of("a", "b"), List.of(0, 0), "BTREE"),
                        new SourceIndex("only_b", false, List.of("b"), List.of(0), "BTREE")));
        SourceTable after = after(List.of("id"), column("id", "int(11)", false, null), column("a", "int(11)", true, null));
        AlterTable alter = AlterDiffs.diff(MAPPER.map(before), after, MAPPER.map(after),
                "ALTER TABLE items DROP COLUMN b", AT, MAPPER.names());
        assertEquals(List.of(new DropColumn("b"), new CreateIndex(new TargetIndex("ab", "items_ab", true, List.of("a")))),
                alter.steps());
        assertEquals(List.of(new TargetIndex("ab", "items_ab", true, List.of("a"))), alter.after().indexes());
    }
}
