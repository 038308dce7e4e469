package io.tandem.engine.config;

import static io.tandem.engine.config.ConfigFixtures.MINIMAL;
import static io.tandem.engine.config.ConfigFixtures.assertProblem;
import static io.tandem.engine.config.ConfigFixtures.parse;
import static io.tandem.engine.config.ConfigFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailbackConfigTest {

    @Test
    void armedByDefaultWithSlotAndPublicationNamedAfterTheInstance() {
        FailbackConfig failback = parse("name: Shop-EU\n" + MINIMAL).failback();

        assertTrue(failback.enabled());
        assertEquals("tandem_shop_eu", failback.slot());
        assertEquals("tandem_shop_eu", failback.publication());
        assertEquals(Duration.ofSeconds(3), failback.maxPause());
        assertEquals(Duration.ofSeconds(1), failback.maxLag());
        assertEquals(8L << 30, failback.maxRetainedWalBytes());
    }

    @Test
    void readsEveryKey() {
        FailbackConfig failback = parse(MINIMAL + """
                failback:
                  enabled: false
                  slot: shop_back
                  publication: shop_pub
                  max-pause: 5s
                  max-lag: 300ms
                  max-retained-wal: 1GiB
                """).failback();

        assertFalse(failback.enabled());
        assertEquals("shop_back", failback.slot());
        assertEquals("shop_pub", failback.publication());
        assertEquals(Duration.ofSeconds(5), failback.maxPause());
        assertEquals(Duration.ofMillis(300), failback.maxLag());
        assertEquals(1L << 30, failback.maxRetainedWalBytes());
    }

    @Test
    void refusesASlotNameTheReplicationProtocolCannotTake() {
        assertProblem(problems(MINIMAL + "failback:\n  slot: Shop-Back\n"), "failback.slot", "a-z, 0-9 and _");
    }
}
