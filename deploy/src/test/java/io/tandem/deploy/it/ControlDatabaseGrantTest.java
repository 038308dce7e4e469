package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.deploy.demo.ServersConfig;
import io.tandem.deploy.replication.Daemon;
import org.junit.jupiter.api.Test;

/** Without the grant on the control database tandem stops at start, naming the statement to run. */
class ControlDatabaseGrantTest {

    @Test
    void aMissingGrantOnTheControlDatabaseIsNamedWithItsFix() throws Exception {
        SourceFixture fixture = SourceFixture.withoutSakila("grant");
        fixture.onSource("CREATE TABLE t (id INT PRIMARY KEY)");
        String control = "tandem_ungranted";
        Exception refused = assertThrows(Exception.class, () -> Daemon.start(
                ServersConfig.builder("grant-it", fixture.source, fixture.database, fixture.target,
                        fixture.targetDatabase).set("source.control-database", control).build(), line -> { }, 60_000));
        String grant = "GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON `" + control + "`.* TO 'tandem'@'%';";
        assertTrue(refused.getMessage().contains(grant), refused.getMessage());
        assertTrue(refused.getMessage().contains("source.control-database"), refused.getMessage());
    }
}
