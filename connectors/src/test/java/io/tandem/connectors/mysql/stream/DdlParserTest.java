package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DdlParserTest {

    private static ParsedDdl parse(String ddl) {
        try {
            return DdlParser.parse(ddl);
        } catch (DdlParseException e) {
            throw new AssertionError("unreadable: " + ddl + ": " + e.getMessage(), e);
        }
    }

    private static ParsedDdl.AlterTable alter(String ddl) {
        return assertInstanceOf(ParsedDdl.AlterTable.class, parse(ddl));
    }

    private static ParsedDdl.CreateTable create(String ddl) {
        return assertInstanceOf(ParsedDdl.CreateTable.class, parse(ddl));
    }

    private static QualifiedName name(String name) {
        return QualifiedName.unqualified(name);
    }

    private static TableRename rename(QualifiedName from, QualifiedName to) {
        return new TableRename(from, to);
    }

    @Test
    void renameColumnInAllQuotings() {
        assertEquals(Map.of("a", "b"), alter("ALTER TABLE t RENAME COLUMN a TO b").columnRenames());
        assertEquals(Map.of("old name", "new`name"),
                alter("alter table `db`.`t` rename column `old name` to `new``name`").columnRenames());
        assertEquals(Map.of("a", "b", "c", "d"),
                alter("ALTER TABLE t RENAME COLUMN a TO b, ADD x INT, RENAME COLUMN c TO d").columnRenames());
        assertEquals(Map.of("a", "b"), alter("ALTER TABLE t RENAME COLUMN IF EXISTS a TO b").columnRenames());
        assertEquals(Map.of("i", "j"), alter("ALTER TABLE t RENAME INDEX IF EXISTS i TO j").indexes().renamed());
    }

    @Test
    void theColumnsAnAlterNames() {
        assertEquals(List.of("a", "b", "c", "d", "e", "x", "y", "g"), alter("ALTER TABLE t RENAME COLUMN a TO b, "
                + "ADD c INT, MODIFY d INT, DROP COLUMN e, ADD COLUMN (x INT, y INT), DROP g, DROP INDEX i, "
                + "DROP FOREIGN KEY f, DROP PRIMARY KEY, ALTER COLUMN h SET DEFAULT 1").columns());
        assertEquals(List.of("a`b", "c"), alter("ALTER TABLE t CHANGE `a``b` c INT").columns());
    }

    @Test
    void expressionDefaultsAreNoted() {
        assertEquals(Set.of("tag", "z"), alter("ALTER TABLE t ADD COLUMN tag INT DEFAULT (a * 2), ADD b INT DEFAULT 3,"
                + " ADD c VARCHAR(3) DEFAULT '(x)', ADD COLUMN (z DATE DEFAULT (CURRENT_DATE + 1))")
                .expressionDefaults());
    }

    @Test
    void changeIsARenameOnlyWhenTheNameDiffers() {
        assertEquals(Map.of("a", "b"), alter("ALTER TABLE t CHANGE a b BIGINT NOT NULL").columnRenames());
        assertEquals(Map.of("a", "b"), alter("ALTER TABLE t CHANGE COLUMN `a` `b` INT").columnRenames());
        assertEquals(Map.of("a", "b"), alter("ALTER TABLE t CHANGE COLUMN IF EXISTS a b INT").columnRenames());
        assertEquals(Map.of(), alter("ALTER TABLE t CHANGE a a BIGINT").columnRenames());
        assertEquals(Map.of(), alter("ALTER TABLE t MODIFY a BIGINT").columnRenames());
    }

    @Test
    void wordsInsideLiteralsCommentsAndParenthesesAreNotClauses() {
        ParsedDdl.AlterTable alter = alter("ALTER TABLE t /* RENAME COLUMN x TO y */ ADD c ENUM('a, RENAME COLUMN p "
                + "TO q', 'it''s') DEFAULT 'x\\', CHANGE e f', -- CHANGE g h\n ADD d DECIMAL(10, 2) COMMENT \"CHANGE i j\"");
        assertEquals(Map.of(), alter.columnRenames());
        assertEquals(Optional.empty(), alter.renamedTo());
    }

    @Test
    void versionedCommentBodiesCount() {
        assertEquals(Map.of("a", "b"), alter("ALTER TABLE t /*!80000 RENAME COLUMN a TO b */").columnRenames());
    }

    @Test
    void tableRenamesAreRecognised() {
        assertInstanceOf(ParsedDdl.RenameTables.class, parse("RENAME TABLE a TO tmp, b TO a, tmp TO b"));
        assertEquals(Optional.of(name("b")), alter("ALTER TABLE a RENAME TO b").renamedTo());
        assertEquals(Optional.of(name("b")), alter("ALTER TABLE a RENAME AS b").renamedTo());
        assertEquals(Optional.of(name("b")), alter("alter table a rename b").renamedTo());
        assertEquals(Optional.empty(), alter("ALTER TABLE a RENAME INDEX i TO j").renamedTo());
        assertEquals(Optional.empty(), alter("ALTER TABLE a RENAME COLUMN i TO j").renamedTo());
        assertEquals(Optional.empty(), alter("ALTER TABLE `rename` ADD x INT").renamedTo());
    }

    @Test
    void tableRenamePairsInOrder() {
        assertEquals(List.of(rename(name("a"), name("tmp")), rename(name("b"), name("a")), rename(name("tmp"), name("b"))),
                ((ParsedDdl.RenameTables) parse("RENAME TABLE a TO tmp, b TO a, tmp TO b")).renames());
        assertEquals(List.of(rename(new QualifiedName("d", "a b"), new QualifiedName("d", "c"))),
                ((ParsedDdl.RenameTables) parse("rename table `d`.`a b` to d.c")).renames());
        ParsedDdl.AlterTable pure = alter("ALTER TABLE d.a RENAME TO `b`");
        assertTrue(pure.renameOnly());
        assertEquals(Optional.of(rename(new QualifiedName("d", "a"), name("b"))), pure.rename());
        assertEquals(Optional.of(rename(name("a"), name("b"))), alter("ALTER TABLE IF EXISTS a RENAME b").rename());
        ParsedDdl.AlterTable combined = alter("ALTER TABLE a RENAME TO b, ADD c INT");
        assertEquals(Optional.of(rename(name("a"), name("b"))), combined.rename());
        assertFalse(combined.renameOnly(), "a rename with other changes is not a pure rename");
        assertThrows(DdlParseException.class, () -> DdlParser.parse("RENAME TABLE a TO"));
    }

    @Test
    void droppedIndexes() {
        assertEquals(new ParsedDdl.DropIndex(name("t"), "idx"), parse("DROP INDEX idx ON t"));
        assertEquals(List.of("i 1", "k"), alter("ALTER TABLE t DROP INDEX `i 1`, DROP KEY IF EXISTS k, "
                + "DROP PRIMARY KEY, DROP COLUMN c").indexes().dropped());
        assertEquals(new ParsedDdl.DropIndex(new QualifiedName("d", "t x"), "i"),
                parse("drop index if exists `i` on d.`t x`;"));
        assertEquals(new QualifiedName("d", "t"),
                ((ParsedDdl.CreateIndex) parse("CREATE UNIQUE INDEX u USING BTREE ON d.t (a)")).table());
        assertEquals(List.of(), ((ParsedDdl.CreateIndex) parse("CREATE INDEX idx ON t (a)")).indexes().dropped());
        assertThrows(DdlParseException.class, () -> DdlParser.parse("DROP INDEX idx"));
    }

    @Test
    void unreadableClausesAreErrors() {
        assertThrows(DdlParseException.class, () -> DdlParser.parse("ALTER TABLE t RENAME COLUMN a"));
        assertThrows(DdlParseException.class, () -> DdlParser.parse("ALTER TABLE t CHANGE a"));
        assertThrows(DdlParseException.class, () -> DdlParser.parse("ALTER TABLE t ADD c VARCHAR(3) DEFAULT 'x"));
        DdlParseException near = assertThrows(DdlParseException.class,
                () -> DdlParser.parse("ALTER TABLE t RENAME COLUMN a FROM b"));
        assertEquals("TO expected, found 'FROM'", near.getMessage());
    }

    @Test
    void addedIndexesInEveryForm() {
        assertEquals(List.of(new IndexDefinition("ix", false, null, List.of("a", "b"), List.of(0, 0)),
                        new IndexDefinition("uq", true, null, List.of("c"), List.of(0)),
                        new IndexDefinition(null, true, null, List.of("d"), List.of(0)),
                        new IndexDefinition("c_e", true, "BTREE", List.of("e"), List.of(0)),
                        new IndexDefinition("named", true, null, List.of("f"), List.of(0)),
                        new IndexDefinition(null, false, null, List.of("g"), List.of(10)),
                        new IndexDefinition("ft", false, "FULLTEXT", List.of("h"), List.of(0)),
                        new IndexDefinition("x", false, "HASH", List.of("a"), List.of(0))),
                alter("ALTER TABLE t ADD INDEX ix (a, b DESC), ADD UNIQUE KEY `uq` (c), ADD UNIQUE (d), "
                        + "ADD CONSTRAINT c_e UNIQUE USING BTREE (e), ADD CONSTRAINT c_f UNIQUE INDEX named (f), "
                        + "ADD KEY (g(10)), ADD FULLTEXT ft (h), ADD INDEX x (a) USING HASH").indexes().added());
        assertEquals(new ParsedDdl.CreateIndex(new QualifiedName("db", "t"),
                        new IndexDefinition("u", true, null, List.of("a"), List.of(0))),
                parse("CREATE UNIQUE INDEX u ON db.t (a)"));
        assertEquals(Arrays.asList("a", null),
                ((ParsedDdl.CreateIndex) parse("CREATE INDEX f ON t (a, (lower(b)))")).index().columns());
        assertEquals(new IndexDefinition("s", false, "SPATIAL", List.of("g"), List.of(0)),
                ((ParsedDdl.CreateIndex) parse("CREATE OR REPLACE SPATIAL INDEX IF NOT EXISTS s ON t (g)")).index());
    }

    @Test
    void columnDefinitionsMayAddAUniqueIndexOrTheKey() {
        ParsedDdl.AlterTable alter = alter("ALTER TABLE t ADD COLUMN w INT UNIQUE, MODIFY v INT UNIQUE KEY COMMENT "
                + "'KEY', CHANGE a b INT DEFAULT 1");
        assertEquals(List.of(new IndexDefinition(null, true, null, List.of("w"), List.of(0)),
                new IndexDefinition(null, true, null, List.of("v"), List.of(0))), alter.indexes().added());
        assertFalse(alter.touchesPrimaryKey());
        assertTrue(alter("ALTER TABLE t ADD id INT NOT NULL PRIMARY KEY").touchesPrimaryKey());
        assertTrue(alter("ALTER TABLE t MODIFY id INT KEY").touchesPrimaryKey());
        assertTrue(alter("ALTER TABLE t DROP PRIMARY KEY").touchesPrimaryKey());
        assertTrue(alter("ALTER TABLE t ADD CONSTRAINT pk PRIMARY KEY (a)").touchesPrimaryKey());
        assertTrue(alter("ALTER TABLE t ADD COLUMN (x INT, y INT PRIMARY KEY)").touchesPrimaryKey());
        assertFalse(alter("ALTER TABLE t ADD UNIQUE (a), ADD FOREIGN KEY (b) REFERENCES u (id)").touchesPrimaryKey());
    }

    @Test
    void indexRenamesAndConstraintDrops() {
        ParsedDdl.AlterTable alter = alter("ALTER TABLE t RENAME INDEX a TO b, RENAME KEY `c` TO `d`, DROP CONSTRAINT "
                + "uq, DROP FOREIGN KEY fk");
        assertEquals(Map.of("a", "b", "c", "d"), alter.indexes().renamed());
        assertEquals(List.of("uq"), alter.indexes().dropped());
        assertEquals(Optional.empty(), alter.renamedTo());
    }

    @Test
    void unnamedIndexesGetTheServersName() {
        IndexDefinition unnamed = new IndexDefinition(null, false, null, List.of("a", "b"), List.of(0, 0));
        assertEquals("a", unnamed.named(name -> false).name());
        assertEquals("a_3", unnamed.named(name -> name.equalsIgnoreCase("A") || name.equals("a_2")).name());
        assertEquals("PRIMARY_2", new IndexDefinition(null, true, null, List.of("primary"), List.of(0))
                .named(name -> false).name().toUpperCase());
        assertEquals("x", new IndexDefinition("x", false, null, List.of("a"), List.of(0)).named(name -> true).name());
    }

    @Test
    void createTableIndexesAndLike() {
        ParsedDdl.CreateTable create = create("CREATE TABLE IF NOT EXISTS d.t (id INT NOT NULL, email VARCHAR(30) "
                + "UNIQUE, c ENUM('KEY', 'UNIQUE'), KEY (c), CONSTRAINT u UNIQUE (id), CHECK (id > 0)) ENGINE=InnoDB");
        assertEquals(new QualifiedName("d", "t"), create.table());
        assertEquals(List.of(new IndexDefinition(null, true, null, List.of("email"), List.of(0)),
                new IndexDefinition(null, false, null, List.of("c"), List.of(0)),
                new IndexDefinition("u", true, null, List.of("id"), List.of(0))), create.indexes());
        assertFalse(create.definesPrimaryKey());
        assertTrue(create("CREATE TABLE t (id INT AUTO_INCREMENT KEY)").definesPrimaryKey());
        assertTrue(create("CREATE TABLE t (PRIMARY KEY (id)) AS SELECT id FROM u").definesPrimaryKey());
        assertEquals(List.of(), create("CREATE TABLE t AS SELECT 1 AS `unique`").indexes());
        assertEquals(new ParsedDdl.CreateTableLike(name("t"), name("src")), parse("CREATE TABLE t LIKE src"));
        assertEquals(new ParsedDdl.CreateTableLike(name("t"), new QualifiedName("d", "src")),
                parse("create table `t` (like `d`.`src`)"));
    }

    @Test
    void aTableRenameAmongOtherClauses() {
        ParsedDdl.AlterTable alter = alter("ALTER TABLE d.a ADD x INT, RENAME TO `b`, DROP y");
        assertFalse(alter.renameOnly());
        assertEquals(Optional.of(rename(new QualifiedName("d", "a"), name("b"))), alter.rename());
        assertEquals(List.of(name("b"), new QualifiedName("d", "a")), alter.tables(), "the new name first");
    }

    /** Which tables a statement is about: never a name that only appears in its text. */
    @Test
    void tablesAreOnlyThoseTheStatementChanges() {
        assertEquals(List.of(name("audit")), parse("ALTER TABLE audit ADD COLUMN orders INT").tables());
        assertEquals(List.of(name("audit")),
                parse("ALTER TABLE audit ADD FOREIGN KEY (o) REFERENCES orders(id)").tables());
        assertEquals(List.of(name("audit")), parse("CREATE INDEX orders ON audit (o)").tables());
        assertEquals(List.of(name("audit")), parse("CREATE TABLE audit (orders INT REFERENCES orders (id))").tables());
        assertEquals(List.of(name("audit2"), name("audit")), parse("RENAME TABLE audit TO audit2").tables());
        assertEquals(List.of(name("a"), new QualifiedName("d", "b")),
                parse("DROP TABLE IF EXISTS a, `d`.`b` CASCADE").tables());
        assertEquals(List.of(), parse("CREATE DATABASE orders").tables());
        assertEquals(List.of(), parse("SET character_set_server = utf8mb4").tables());
        assertEquals(List.of(), parse("ALTER DATABASE orders CHARACTER SET utf8mb4").tables());
        assertEquals(List.of(), parse("  ;").tables());
        assertEquals(List.of(), parse("CREATE PROCEDURE p() BEGIN DROP TABLE orders; RENAME TABLE a TO b; END").tables(),
                "statements in a routine body are not run by the CREATE");
    }

    /** Every character MySQL accepts in a quoted name reads back as written. */
    @Test
    void awkwardNamesReadBackExactly() {
        String name = "q\"uo`te. dot\\ %é" + "x".repeat(48);
        String quoted = "`" + name.replace("`", "``") + "`";
        assertEquals(new ParsedDdl.CreateTable(name(name), List.of(), true),
                parse("CREATE TABLE " + quoted + " (" + quoted + " INT PRIMARY KEY)"));
        assertEquals(Map.of(name, "b\"c"), alter("ALTER TABLE " + quoted + " RENAME COLUMN " + quoted
                + " TO `b\"c`").columnRenames());
        assertEquals(List.of(rename(new QualifiedName("d.b", name), name("\"x"))),
                ((ParsedDdl.RenameTables) parse("RENAME TABLE `d.b`." + quoted + " TO `\"x`")).renames());
    }
}
