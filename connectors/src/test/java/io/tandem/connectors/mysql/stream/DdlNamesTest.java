package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DdlNamesTest {

    @Test
    void renameColumnInAllQuotings() {
        assertEquals(Map.of("a", "b"), DdlNames.of("ALTER TABLE t RENAME COLUMN a TO b").columnRenames());
        assertEquals(Map.of("old name", "new`name"),
                DdlNames.of("alter table `db`.`t` rename column `old name` to `new``name`").columnRenames());
        assertEquals(Map.of("a", "b", "c", "d"),
                DdlNames.of("ALTER TABLE t RENAME COLUMN a TO b, ADD x INT, RENAME COLUMN c TO d").columnRenames());
    }

    @Test
    void changeIsARenameOnlyWhenTheNameDiffers() {
        assertEquals(Map.of("a", "b"), DdlNames.of("ALTER TABLE t CHANGE a b BIGINT NOT NULL").columnRenames());
        assertEquals(Map.of("a", "b"), DdlNames.of("ALTER TABLE t CHANGE COLUMN `a` `b` INT").columnRenames());
        assertEquals(Map.of("a", "b"), DdlNames.of("ALTER TABLE t CHANGE COLUMN IF EXISTS a b INT").columnRenames());
        assertEquals(Map.of(), DdlNames.of("ALTER TABLE t CHANGE a a BIGINT").columnRenames());
        assertEquals(Map.of(), DdlNames.of("ALTER TABLE t MODIFY a BIGINT").columnRenames());
    }

    @Test
    void wordsInsideLiteralsCommentsAndParenthesesAreNotClauses() {
        DdlNames names = DdlNames.of("ALTER TABLE t /* RENAME COLUMN x TO y */ ADD c ENUM('a, RENAME COLUMN p TO q',"
                + " 'it''s') DEFAULT 'x\\', CHANGE e f', -- CHANGE g h\n ADD d DECIMAL(10, 2) COMMENT \"CHANGE i j\"");
        assertEquals(Map.of(), names.columnRenames());
        assertFalse(names.renamesTable());
    }

    @Test
    void versionedCommentBodiesCount() {
        assertEquals(Map.of("a", "b"), DdlNames.of("ALTER TABLE t /*!80000 RENAME COLUMN a TO b */").columnRenames());
    }

    @Test
    void tableRenamesAreRecognised() {
        assertTrue(DdlNames.of("RENAME TABLE a TO tmp, b TO a, tmp TO b").renamesTable());
        assertTrue(DdlNames.of("ALTER TABLE a RENAME TO b").renamesTable());
        assertTrue(DdlNames.of("ALTER TABLE a RENAME AS b").renamesTable());
        assertTrue(DdlNames.of("alter table a rename b").renamesTable());
        assertFalse(DdlNames.of("ALTER TABLE a RENAME INDEX i TO j").renamesTable());
        assertFalse(DdlNames.of("ALTER TABLE a RENAME COLUMN i TO j").renamesTable());
        assertFalse(DdlNames.of("ALTER TABLE `rename` ADD x INT").renamesTable());
    }

    @Test
    void tableRenamePairsInOrder() {
        assertEquals(List.of(new DdlNames.TableRename(null, "a", null, "tmp"), new DdlNames.TableRename(null, "b", null, "a"),
                        new DdlNames.TableRename(null, "tmp", null, "b")),
                DdlNames.of("RENAME TABLE a TO tmp, b TO a, tmp TO b").tableRenames());
        assertEquals(List.of(new DdlNames.TableRename("d", "a b", "d", "c")),
                DdlNames.of("rename table `d`.`a b` to d.c").tableRenames());
        assertEquals(List.of(new DdlNames.TableRename("d", "a", null, "b")),
                DdlNames.of("ALTER TABLE d.a RENAME TO `b`").tableRenames());
        assertEquals(List.of(new DdlNames.TableRename(null, "a", null, "b")),
                DdlNames.of("ALTER TABLE IF EXISTS a RENAME b").tableRenames());
        DdlNames combined = DdlNames.of("ALTER TABLE a RENAME TO b, ADD c INT");
        assertTrue(combined.renamesTable());
        assertEquals(List.of(), combined.tableRenames(), "a rename with other changes is not a pure rename");
        assertThrows(IllegalArgumentException.class, () -> DdlNames.of("RENAME TABLE a TO"));
    }

    @Test
    void droppedIndexes() {
        assertEquals(List.of("idx"), DdlNames.of("DROP INDEX idx ON t").droppedIndexes());
        assertEquals(List.of("i 1", "k"), DdlNames.of("ALTER TABLE t DROP INDEX `i 1`, DROP KEY IF EXISTS k, "
                + "DROP PRIMARY KEY, DROP COLUMN c").droppedIndexes());
        assertEquals(List.of(), DdlNames.of("CREATE INDEX idx ON t (a)").droppedIndexes());
        assertEquals(java.util.Arrays.asList(null, "t"), java.util.Arrays.asList(DdlNames.indexStatementTable("DROP INDEX idx ON t")));
        assertEquals(List.of("d", "t x"), List.of(DdlNames.indexStatementTable("drop index if exists `i` on d.`t x`;")));
        assertEquals(List.of("d", "t"), List.of(DdlNames.indexStatementTable("CREATE UNIQUE INDEX u USING BTREE ON d.t (a)")));
        assertEquals(null, DdlNames.indexStatementTable("ALTER TABLE t DROP INDEX idx"));
        assertThrows(IllegalArgumentException.class, () -> DdlNames.indexStatementTable("DROP INDEX idx"));
    }

    @Test
    void unreadableRenamesAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> DdlNames.of("ALTER TABLE t RENAME COLUMN a"));
        assertThrows(IllegalArgumentException.class, () -> DdlNames.of("ALTER TABLE t CHANGE a"));
        assertThrows(IllegalArgumentException.class, () -> DdlNames.of("ALTER TABLE t ADD c VARCHAR(3) DEFAULT 'x"));
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
                DdlNames.of("ALTER TABLE t ADD INDEX ix (a, b DESC), ADD UNIQUE KEY `uq` (c), ADD UNIQUE (d), "
                        + "ADD CONSTRAINT c_e UNIQUE USING BTREE (e), ADD CONSTRAINT c_f UNIQUE INDEX named (f), "
                        + "ADD KEY (g(10)), ADD FULLTEXT ft (h), ADD INDEX x (a) USING HASH").addedIndexes());
        assertEquals(List.of(new IndexDefinition("u", true, null, List.of("a"), List.of(0))),
                DdlNames.of("CREATE UNIQUE INDEX u ON db.t (a)").addedIndexes());
        assertEquals(java.util.Arrays.asList("a", null),
                DdlNames.of("CREATE INDEX f ON t (a, (lower(b)))").addedIndexes().get(0).columns());
    }

    @Test
    void columnDefinitionsMayAddAUniqueIndexOrTheKey() {
        DdlNames names = DdlNames.of("ALTER TABLE t ADD COLUMN w INT UNIQUE, MODIFY v INT UNIQUE KEY COMMENT 'KEY', "
                + "CHANGE a b INT DEFAULT 1");
        assertEquals(List.of(new IndexDefinition(null, true, null, List.of("w"), List.of(0)),
                new IndexDefinition(null, true, null, List.of("v"), List.of(0))), names.addedIndexes());
        assertFalse(names.touchesPrimaryKey());
        assertTrue(DdlNames.of("ALTER TABLE t ADD id INT NOT NULL PRIMARY KEY").touchesPrimaryKey());
        assertTrue(DdlNames.of("ALTER TABLE t MODIFY id INT KEY").touchesPrimaryKey());
        assertTrue(DdlNames.of("ALTER TABLE t DROP PRIMARY KEY").touchesPrimaryKey());
        assertTrue(DdlNames.of("ALTER TABLE t ADD CONSTRAINT pk PRIMARY KEY (a)").touchesPrimaryKey());
        assertFalse(DdlNames.of("ALTER TABLE t ADD UNIQUE (a), ADD FOREIGN KEY (b) REFERENCES u (id)").touchesPrimaryKey());
    }

    @Test
    void indexRenamesAndConstraintDrops() {
        DdlNames names = DdlNames.of("ALTER TABLE t RENAME INDEX a TO b, RENAME KEY `c` TO `d`, DROP CONSTRAINT uq, "
                + "DROP FOREIGN KEY fk");
        assertEquals(Map.of("a", "b", "c", "d"), names.indexRenames());
        assertEquals(List.of("uq"), names.droppedIndexes());
        assertFalse(names.renamesTable());
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
        DdlNames names = DdlNames.of("CREATE TABLE IF NOT EXISTS d.t (id INT NOT NULL, email VARCHAR(30) UNIQUE, "
                + "c ENUM('KEY', 'UNIQUE'), KEY (c), CONSTRAINT u UNIQUE (id), CHECK (id > 0)) ENGINE=InnoDB");
        assertEquals(List.of(new IndexDefinition(null, true, null, List.of("email"), List.of(0)),
                new IndexDefinition(null, false, null, List.of("c"), List.of(0)),
                new IndexDefinition("u", true, null, List.of("id"), List.of(0))), names.addedIndexes());
        assertFalse(names.touchesPrimaryKey());
        assertTrue(DdlNames.of("CREATE TABLE t (id INT AUTO_INCREMENT KEY)").touchesPrimaryKey());
        assertTrue(DdlNames.of("CREATE TABLE t (PRIMARY KEY (id)) AS SELECT id FROM u").touchesPrimaryKey());
        assertEquals(List.of(), DdlNames.of("CREATE TABLE t AS SELECT 1 AS `unique`").addedIndexes());
        assertEquals(java.util.Arrays.asList(null, "src"), java.util.Arrays.asList(DdlNames.createTableLike("CREATE TABLE t LIKE src")));
        assertEquals(List.of("d", "src"), List.of(DdlNames.createTableLike("create table `t` (like `d`.`src`)")));
        assertEquals(null, DdlNames.createTableLike("CREATE TABLE t (id INT)"));
    }

    @Test
    void aTableRenameAmongOtherClauses() {
        DdlNames names = DdlNames.of("ALTER TABLE d.a ADD x INT, RENAME TO `b`, DROP y");
        assertTrue(names.renamesTable());
        assertEquals(List.of(), names.tableRenames());
        assertEquals(new DdlNames.TableRename("d", "a", null, "b"), names.alterRename());
        assertEquals(null, DdlNames.of("ALTER TABLE a RENAME TO b").alterRename());
    }
}
