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
        assertEquals(java.util.Arrays.asList(null, "t", "idx"), java.util.Arrays.asList(DdlNames.dropIndexOn("DROP INDEX idx ON t")));
        assertEquals(List.of("d", "t x", "i"), List.of(DdlNames.dropIndexOn("drop index if exists `i` on d.`t x`;")));
        assertEquals(null, DdlNames.dropIndexOn("ALTER TABLE t DROP INDEX idx"));
        assertThrows(IllegalArgumentException.class, () -> DdlNames.dropIndexOn("DROP INDEX idx"));
    }

    @Test
    void unreadableRenamesAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> DdlNames.of("ALTER TABLE t RENAME COLUMN a"));
        assertThrows(IllegalArgumentException.class, () -> DdlNames.of("ALTER TABLE t CHANGE a"));
        assertThrows(IllegalArgumentException.class, () -> DdlNames.of("ALTER TABLE t ADD c VARCHAR(3) DEFAULT 'x"));
    }
}
