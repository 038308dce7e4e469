package io.tandem.connectors.mysql.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
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
    void theControlDatabaseNeedsItsFivePrivilegesGloballyOrOnTheDatabase() {
        ServerInfo mariaDb = ServerInfo.parse("11.4.5-MariaDB-log", "MariaDB Server");
        List<String> partial = List.of(
                "GRANT SELECT, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `tandem`@`%`",
                "GRANT INSERT, UPDATE ON `tandem`.* TO `tandem`@`%`");
        CheckResult missing = controlCheck(new PrivilegeCheck(mariaDb, List.of(), "tandem").check(partial, "tandem@%"));
        assertFalse(missing.ok());
        assertTrue(missing.message().contains("lacks CREATE, DELETE on database tandem (source.control-database)"),
                missing.message());
        assertTrue(missing.message().contains(
                "GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON `tandem`.* TO 'tandem'@'%';"), missing.message());

        List<String> granted = List.of("GRANT SELECT, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `tandem`@`%`",
                "GRANT CREATE, INSERT, UPDATE, DELETE ON `tandem`.* TO `tandem`@`%`");
        assertTrue(controlCheck(new PrivilegeCheck(mariaDb, List.of(), "tandem").check(granted, "tandem@%")).ok());
        assertEquals(List.of("CREATE"), Grants.parse(List.of("GRANT ALL ON `other`.* TO `u`@`%`",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON *.* TO `u`@`%`")).missingOn("tandem",
                PrivilegeCheck.CONTROL_PRIVILEGES));
    }

    private static CheckResult controlCheck(List<CheckResult> results) {
        return results.stream().filter(result -> result.name().equals("privileges on control database tandem"))
                .findFirst().orElseThrow();
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
