package io.tandem.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.sink.BadRowPolicy;
import io.tandem.engine.transform.NameCase;
import io.tandem.engine.values.NulPolicy;
import io.tandem.engine.values.ZeroDatePolicy;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class TandemSinkConfigTest {

    @Test
    void defaultsAreTheDaemonsAndThePasswordIsASecret() {
        TandemSinkConfig config = new TandemSinkConfig(minimal());
        assertEquals(BadRowPolicy.FAIL, config.badRows());
        assertEquals(ZeroDatePolicy.NULL, config.valuePolicies().zeroDates());
        assertEquals(NulPolicy.STRIP, config.valuePolicies().nulCharacters());
        assertEquals(NameCase.LOWER, config.nameCase());
        assertArrayEquals("s3cret".toCharArray(), config.password());
        assertEquals(ConfigDef.Type.PASSWORD, TandemSinkConfig.DEFINITION.configKeys().get("connection.password").type);
        assertFalse(config.values().toString().contains("s3cret"), "Connect logs config values");
    }

    @Test
    void policiesAreWrittenAsInTheDaemonsConfig() {
        Map<String, String> settings = minimal();
        settings.put("bad.rows", "dead-letter");
        settings.put("values.zero.dates", "dead-letter");
        settings.put("names.case", "keep");
        TandemSinkConfig config = new TandemSinkConfig(settings);
        assertEquals(BadRowPolicy.DEAD_LETTER, config.badRows());
        assertEquals(ZeroDatePolicy.DEAD_LETTER, config.valuePolicies().zeroDates());
        assertEquals(NameCase.KEEP, config.nameCase());
    }

    @Test
    void aBadValueIsRefusedNamingTheSettingAndTheChoices() {
        Map<String, String> settings = minimal();
        settings.put("values.zero.dates", "zero");
        ConfigException refused = assertThrows(ConfigException.class, () -> new TandemSinkConfig(settings));
        assertTrue(refused.getMessage().contains("values.zero.dates"), refused.getMessage());
        assertTrue(refused.getMessage().contains("infinity"), refused.getMessage());
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutEchoingIt() {
        Map<String, String> settings = minimal();
        settings.put("connection.url", "jdbc:postgresql://db:5432/app?user=x&password=hunter2");
        ConfigException refused = assertThrows(ConfigException.class, () -> new TandemSinkConfig(settings));
        assertTrue(refused.getMessage().contains("connection.password"), refused.getMessage());
        assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
    }

    @Test
    void onlyPostgresqlUrlsAreTaken() {
        Map<String, String> settings = minimal();
        settings.put("connection.url", "jdbc:mysql://db/app");
        assertThrows(ConfigException.class, () -> new TandemSinkConfig(settings));
    }

    private static Map<String, String> minimal() {
        Map<String, String> settings = new HashMap<>();
        settings.put("connection.url", "jdbc:postgresql://db:5432/app?sslmode=verify-full");
        settings.put("connection.user", "tandem");
        settings.put("connection.password", "s3cret");
        return settings;
    }
}
