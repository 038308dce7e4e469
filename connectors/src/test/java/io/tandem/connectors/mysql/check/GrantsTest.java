package io.tandem.connectors.mysql.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrantsTest {

    @Test
    void readsMySqlGlobalAndDynamicPrivileges() {
        Grants grants = Grants.parse(List.of(
                "GRANT SELECT, RELOAD, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `tandem`@`%`",
                "GRANT BACKUP_ADMIN ON *.* TO `tandem`@`%`"));
        assertTrue(grants.hasGlobal("REPLICATION SLAVE"));
        assertTrue(grants.hasGlobal("REPLICATION CLIENT"));
        assertTrue(grants.hasGlobal("RELOAD"));
        assertTrue(grants.hasGlobal("BACKUP_ADMIN"));
        assertTrue(grants.canSelect("anything"));
    }

    @Test
    void readsMariaDbLinesWithPasswordsAndAliases() {
        Grants grants = Grants.parse(List.of(
                "GRANT RELOAD, REPLICATION REPLICA, BINLOG MONITOR ON *.* TO `tandem`@`%` IDENTIFIED BY PASSWORD"
                        + " '*C8AC6FDE153BF0533FE2A8459AF4FBBC9AC12113'",
                "GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION",
                "SET DEFAULT ROLE `reader` FOR `tandem`@`%`"));
        assertTrue(grants.hasGlobal("REPLICATION SLAVE"));
        assertTrue(grants.hasGlobal("BINLOG MONITOR"));
        assertFalse(grants.hasGlobal("SELECT"));
        assertFalse(grants.canSelect("shop"));
    }

    @Test
    void allPrivilegesCoverEverything() {
        Grants global = Grants.parse(List.of("GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"));
        assertTrue(global.hasGlobal("REPLICATION SLAVE"));
        assertTrue(global.canSelect("shop"));
        Grants database = Grants.parse(List.of("GRANT ALL ON `shop`.* TO `app`@`%`"));
        assertTrue(database.canSelect("shop"));
        assertFalse(database.canSelect("shop2"));
        assertFalse(database.hasGlobal("RELOAD"));
    }

    @Test
    void databaseNamesInGrantsArePatterns() {
        Grants grants = Grants.parse(List.of(
                "GRANT SELECT ON `test\\_%`.* TO PUBLIC",
                "GRANT SELECT, INSERT ON `sh_p`.* TO `u`@`%`",
                "GRANT SELECT ON `we``ird`.* TO `u`@`%`"));
        assertTrue(grants.canSelect("test_a"));
        assertFalse(grants.canSelect("testXa"), "an escaped underscore is literal");
        assertTrue(grants.canSelect("shop"), "an unescaped underscore matches one character");
        assertFalse(grants.canSelect("shoop"));
        assertTrue(grants.canSelect("we`ird"));
    }

    @Test
    void tableAndColumnGrantsDoNotCoverADatabase() {
        Grants grants = Grants.parse(List.of(
                "GRANT SELECT ON `shop`.`orders` TO `u`@`%`",
                "GRANT SELECT (`a`, `b`), UPDATE (`a`) ON `shop`.`items` TO `u`@`%`"));
        assertFalse(grants.canSelect("shop"));
        assertTrue(grants.hasTableLevelGrants("shop"));
        assertFalse(grants.hasGlobal("SELECT"));
    }

    @Test
    void collectsRoleGrants() {
        Grants grants = Grants.parse(List.of(
                "GRANT USAGE ON *.* TO `u`@`%`",
                "GRANT `reader`@`%`,`replicator`@`%` TO `u`@`%`"));
        assertEquals(List.of("`reader`@`%`", "`replicator`@`%`"), grants.roles());
    }

    @Test
    void namesTheAccountAsAGrantWouldWriteIt() {
        assertEquals("'tandem'@'%'", PrivilegeCheck.account("tandem@%"));
        assertEquals("'o''brien'@'10.0.0.1'", PrivilegeCheck.account("o'brien@10.0.0.1"));
    }
}
