package io.tandem.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.tandem.testkit.ServerMode.Side;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerModeTest {

    @Test
    void defaultsToEmbeddedWithoutDockerAndWithoutAskingWhenForced() {
        assertEquals(ServerMode.EMBEDDED, ServerMode.choose(Side.SOURCE, Map.of(), () -> false));
        assertEquals(ServerMode.CONTAINERS, ServerMode.choose(Side.SOURCE, Map.of(), () -> true));
        assertEquals(ServerMode.EMBEDDED, ServerMode.choose(Side.TARGET, Map.of("TANDEM_TEST_SERVERS", "Embedded"),
                () -> fail("Docker must not be probed when the mode is forced")));
    }

    @Test
    void eachSideGoesExternalOnItsOwnHostVariable() {
        Map<String, String> environment = Map.of("TANDEM_TEST_SOURCE_HOST", "db.example");
        assertEquals(ServerMode.EXTERNAL, ServerMode.choose(Side.SOURCE, environment, () -> false));
        assertEquals(ServerMode.EMBEDDED, ServerMode.choose(Side.TARGET, environment, () -> false));
    }

    @Test
    void rejectsUnknownForcedMode() {
        assertThrows(IllegalArgumentException.class,
                () -> ServerMode.choose(Side.SOURCE, Map.of("TANDEM_TEST_SERVERS", "docker"), () -> false));
    }

    @Test
    void forcedExternalNeedsTheHost() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> ExternalServers.target(Map.of()));
        assertEquals(true, error.getMessage().contains("TANDEM_TEST_TARGET_HOST"));
    }
}
