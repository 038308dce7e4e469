package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tandem.connectors.debezium.CommittedOffsetBackingStore;
import io.tandem.connectors.mysql.jdbc.Flavor;
import io.tandem.connectors.mysql.jdbc.SourceEndpoint;
import io.tandem.connectors.mysql.jdbc.SourceEndpoints;
import io.tandem.engine.config.Secret;
import io.tandem.engine.config.SourceConfig;
import io.tandem.engine.config.DdlConfig.UnsupportedDdlPolicy;
import io.tandem.engine.values.ValuePolicies;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DebeziumConfigTest {

    private static StreamSettings settings(Flavor flavor) {
        return new StreamSettings(new SourceEndpoint(flavor, "db.example", 3306, "tandem", Secret.of("s3cret")),
                List.of("shop", "my-db.v2"), id -> true, List.of(), 4242, "shop", 2048, 8192, 64L << 20, Duration.ofSeconds(30),
                UnsupportedDdlPolicy.FAIL);
    }

    @Test
    void streamsOnlyWithExactValuesAndTandemsStores() {
        Properties p = DebeziumConfig.of(settings(Flavor.MARIADB), DebeziumConfig.StartMode.RECOVERY, "id-1");
        assertEquals("io.debezium.connector.mariadb.MariaDbConnector", p.getProperty("connector.class"));
        assertEquals("recovery", p.getProperty("snapshot.mode"));
        assertEquals("none", p.getProperty("skipped.operations"));
        assertEquals("precise", p.getProperty("bigint.unsigned.handling.mode"));
        assertEquals("fail", p.getProperty("event.converting.failure.handling.mode"));
        assertEquals("shop", p.getProperty("topic.prefix"));
        assertEquals("id-1", p.getProperty(CommittedOffsetBackingStore.ID_CONFIG));
        assertEquals("id-1", p.getProperty(StateStoreSchemaHistory.ID_CONFIG));
        assertEquals("shop,my\\-db\\.v2", p.getProperty("database.include.list"));
        assertFalse(p.containsKey("table.include.list"));
        assertEquals("io.debezium.connector.mysql.MySqlConnector",
                DebeziumConfig.of(settings(Flavor.MYSQL), DebeziumConfig.StartMode.NO_DATA, "x").getProperty("connector.class"));
    }

    @Test
    void theBinlogConnectionUsesTheSourcesTlsMode() {
        for (Flavor flavor : Flavor.values()) {
            for (SourceConfig.SslMode mode : SourceConfig.SslMode.values()) {
                SourceEndpoint endpoint = new SourceEndpoint(flavor, "db.example", 3306, "tandem", Secret.of("s"),
                        SourceEndpoints.tls(flavor, mode));
                StreamSettings settings = new StreamSettings(endpoint, List.of("shop"), id -> true, List.of(), 1, "i",
                        100, 200, 0, Duration.ofSeconds(1), UnsupportedDdlPolicy.FAIL);
                String expected = switch (mode) {
                    case DISABLE -> flavor == Flavor.MARIADB ? "disable" : "disabled";
                    case TRUST -> flavor == Flavor.MARIADB ? "trust" : "required";
                    case VERIFY_CA -> flavor == Flavor.MARIADB ? "verify-ca" : "verify_ca";
                    case VERIFY_FULL -> flavor == Flavor.MARIADB ? "verify-full" : "verify_identity";
                };
                assertEquals(expected, DebeziumConfig.of(settings, DebeziumConfig.StartMode.NO_DATA, "x")
                        .getProperty("database.ssl.mode"), flavor + " " + mode);
            }
        }
    }

    @Test
    void settingsRejectUnboundedOrInconsistentSizes() {
        SourceEndpoint endpoint = new SourceEndpoint(Flavor.MYSQL, "h", 3306, "u", Secret.of("p"));
        assertThrows(IllegalArgumentException.class, () -> new StreamSettings(endpoint, List.of("d"), id -> true, List.of(),
                1, "i", 100, 100, 0, Duration.ofSeconds(1), UnsupportedDdlPolicy.FAIL));
        assertThrows(IllegalArgumentException.class, () -> new StreamSettings(endpoint, List.of(), id -> true, List.of(),
                1, "i", 100, 200, 0, Duration.ofSeconds(1), UnsupportedDdlPolicy.FAIL));
        assertThrows(IllegalArgumentException.class, () -> DebeziumConfig.databaseIncludeList(List.of("a,b")));
        assertThrows(IllegalArgumentException.class, () -> new StreamSettings(endpoint, List.of("d"), id -> true,
                List.of(), 1, "i", 100, 200, 0, Duration.ofSeconds(1), UnsupportedDdlPolicy.FAIL,
                ValuePolicies.DEFAULTS, "d"));
    }

    @Test
    void theControlDatabaseIsCapturedAfterTheReplicatedOnes() {
        SourceEndpoint endpoint = new SourceEndpoint(Flavor.MYSQL, "h", 3306, "u", Secret.of("p"));
        StreamSettings settings = new StreamSettings(endpoint, List.of("shop"), id -> true, List.of("shop\\.orders"),
                1, "i", 100, 200, 0, Duration.ofSeconds(1), UnsupportedDdlPolicy.FAIL, ValuePolicies.DEFAULTS,
                "tandem_ctl");
        Properties p = DebeziumConfig.of(settings, DebeziumConfig.StartMode.NO_DATA, "x");
        assertEquals("shop,tandem_ctl", p.getProperty("database.include.list"));
        assertEquals("shop\\.orders,tandem_ctl\\..*", p.getProperty("table.include.list"));
    }
}
