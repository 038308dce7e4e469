package io.tandem.connectors.mysql.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tandem.connectors.mysql.jdbc.Flavor;
import io.tandem.connectors.mysql.jdbc.SourceEndpoint;
import io.tandem.engine.config.CutoverConfig;
import io.tandem.engine.config.Secret;
import io.tandem.engine.config.TandemConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceAdminLoginTest {

    private static final SourceEndpoint REPLICATION = new SourceEndpoint(Flavor.MARIADB, "db", 3306, "tandem",
            Secret.of("repl"), Map.of("sslMode", "verify-full"));

    @Test
    void theReplicationLoginFreezesUnlessAnAdminIsNamed() {
        assertSame(REPLICATION, SourceAdminLogin.endpoint(REPLICATION, cutover(Map.of())));

        SourceEndpoint admin = SourceAdminLogin.endpoint(REPLICATION, cutover(Map.of(
                "cutover.source-admin.user", "cutover", "cutover.source-admin.password", Secret.of("adm"))));

        assertEquals("cutover", admin.user());
        assertEquals("adm", admin.password().reveal());
        assertEquals(REPLICATION.driverProperties(), admin.driverProperties());
        assertEquals(REPLICATION.host(), admin.host());
    }

    @Test
    void appAccountsAreParsed() {
        CutoverConfig cutover = cutover(Map.of("cutover.source-app-accounts", List.of("'app'@'%'", "report@10.%")));

        assertEquals(List.of(new SourceAccount("app", "%"), new SourceAccount("report", "10.%")),
                SourceAdminLogin.appAccounts(cutover));
    }

    private static CutoverConfig cutover(Map<String, Object> settings) {
        var builder = TandemConfig.builder()
                .set("source.host", "db").set("source.user", "tandem").set("source.databases", List.of("shop"))
                .set("target.url", "jdbc:postgresql://pg:5432/app").set("target.user", "tandem");
        settings.forEach(builder::set);
        return builder.build().cutover();
    }
}
