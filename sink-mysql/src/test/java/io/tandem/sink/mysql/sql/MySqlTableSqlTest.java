package io.tandem.sink.mysql.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceIndex;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.TargetTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statement texts, per server: only MariaDB runs in this build, so MySQL's row-alias upsert is checked here as
 * text (and must be run against a real MySQL 8.0.19+ before it is relied on).
 */
class MySqlTableSqlTest {

    private static final ServerInfo MARIADB = ServerInfo.parse("11.4.5-MariaDB", "mariadb.org binary distribution");
    private static final ServerInfo MYSQL_8_0_18 = ServerInfo.parse("8.0.18", "MySQL Community Server - GPL");
    private static final ServerInfo MYSQL_8_4 = ServerInfo.parse("8.4.3", "MySQL Community Server - GPL");

    private static final SourceTable TABLE = new SourceTable(new TableId("shop", "or`ders"),
            List.of(SourceColumn.of("id", "bigint(20) unsigned", false),
                    SourceColumn.of("price", "decimal(10,2)", true),
                    SourceColumn.of("note", "varchar(20)", true),
                    new SourceColumn("total", "decimal(12,2)", true, null, false, SourceColumn.Generated.STORED,
                            "price * 2", null, List.of())),
            List.of("id"),
            List.of(new SourceIndex("uk_note", true, List.of("note"), List.of(0), "BTREE")));

    @Test
    void mariaDbUpsertsWithValues() {
        MySqlTableSql sql = MySqlTableSql.of(mapped(), TABLE, MARIADB);
        assertEquals("INSERT INTO `shop`.`or``ders` (`id`, `price`, `note`) VALUES"
                + " (?, CAST(? AS DECIMAL(10,2)), ?), (?, CAST(? AS DECIMAL(10,2)), ?)"
                + " ON DUPLICATE KEY UPDATE `price` = VALUES(`price`), `note` = VALUES(`note`)", sql.upsert(2));
        assertEquals(MySqlTableSql.of(mapped(), TABLE, MYSQL_8_0_18).upsert(1), sql.upsert(1));
    }

    @Test
    void mySql8019AndLaterUpsertWithARowAlias() {
        assertEquals("INSERT INTO `shop`.`or``ders` (`id`, `price`, `note`) VALUES (?, CAST(? AS DECIMAL(10,2)), ?)"
                + " AS `tandem_new` ON DUPLICATE KEY UPDATE `price` = `tandem_new`.`price`,"
                + " `note` = `tandem_new`.`note`", MySqlTableSql.of(mapped(), TABLE, MYSQL_8_4).upsert(1));
    }

    @Test
    void generatedColumnsAreNeverWrittenAndRowsAreMatchedExactly() {
        MySqlTableSql sql = MySqlTableSql.of(mapped(), TABLE, MARIADB);
        assertEquals(3, sql.columnCount());
        assertEquals("DELETE FROM `shop`.`or``ders` WHERE `id` <=> ? AND `price` <=> CAST(? AS DECIMAL(10,2))"
                + " AND CAST(CONVERT(`note` USING utf8mb4) AS BINARY) <=> CAST(? AS BINARY) LIMIT 1", sql.deleteOne());
        assertTrue(sql.updateOne().startsWith("UPDATE `shop`.`or``ders` SET `id` = ?, `price` = CAST(? AS"));
        assertEquals("DELETE FROM `shop`.`or``ders` WHERE (`id`) IN ((?), (?))", sql.deleteByKey(2));
        assertTrue(sql.upsertMayMerge(), "uk_note can take an upsert to another row");
        assertEquals("SELECT COUNT(*) FROM `shop`.`or``ders` WHERE (`id`) IN ((?)) AND (`id`) IN ((?))",
                sql.landedCheck(1));
    }

    @Test
    void chunksStayBelowThePlaceholderLimit() {
        MySqlTableSql sql = MySqlTableSql.of(mapped(), TABLE, MARIADB);
        assertEquals(MySqlTableSql.MAX_ROWS, sql.rowsPerStatement());
        SourceTable wide = new SourceTable(new TableId("d", "wide"), java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> SourceColumn.of("c" + i, "int", true)).toList(), List.of("c0"), List.of());
        MySqlTableSql wideSql = MySqlTableSql.of(new MySqlTableMapper().map(wide), wide, MARIADB);
        assertEquals(65_535 / 200, wideSql.rowsPerStatement());
        assertTrue(wideSql.rowsPerStatement() * wideSql.columnCount() <= MySqlTableSql.MAX_PLACEHOLDERS);
        assertFalse(wideSql.upsertMayMerge(), "an integer key and no unique key cannot merge rows");
    }

    @Test
    void aMySqlTableWithAnotherPrimaryKeyIsRefused() {
        SourceTable otherKey = new SourceTable(TABLE.id(), TABLE.columns(), List.of("note"), List.of());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> MySqlTableSql.of(mapped(), otherKey, MARIADB));
        assertTrue(refused.getMessage().contains("primary key"), refused.getMessage());
    }

    private static TargetTable mapped() {
        return new MySqlTableMapper().map(TABLE);
    }
}
