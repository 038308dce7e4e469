package io.tandem.connectors.postgres.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tandem.engine.config.Secret;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PgDebeziumConfigTest {

    private final ReverseSourceSettings settings = new ReverseSourceSettings("shop", "pg", 5432, "shop", "tandem",
            Secret.of("secret"), "verify-full",
            Map.of("sslrootcert", "/etc/tandem/ca.pem"), "tandem_reverse", "tandem_reverse", "tandem", 100, 200, Duration.ofSeconds(5));

    @Test
    void theOriginOptionGoesOnlyToServersWhosePgoutputKnowsIt() {
        assertNull(PgDebeziumConfig.of(settings, 150012, "id", "placeholder").getProperty("slot.stream.params"));
        assertEquals("origin=none",
                PgDebeziumConfig.of(settings, 160000, "id", "placeholder").getProperty("slot.stream.params"));
    }

    @Test
    void theStreamUsesTheTargetsTlsMode() {
        Properties p = PgDebeziumConfig.of(settings, 170000, "id", "p");
        assertEquals("verify-full", p.getProperty("database.sslmode"));
        assertEquals("/etc/tandem/ca.pem", p.getProperty("database.sslrootcert"));
    }

    @Test
    void theConnectorNeitherCreatesNorDropsWhatTandemOwns() {
        Properties p = PgDebeziumConfig.of(settings, 170000, "id", "placeholder");
        assertEquals("disabled", p.getProperty("publication.autocreate.mode"));
        assertEquals("false", p.getProperty("slot.drop.on.stop"));
        assertEquals("no_data", p.getProperty("snapshot.mode"));
        assertEquals("none", p.getProperty("skipped.operations"));
        assertEquals("shop-reverse", p.getProperty("topic.prefix"));
        assertEquals("placeholder", p.getProperty("unavailable.value.placeholder"));
    }
}
