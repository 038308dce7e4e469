package io.tandem.engine.config;

import static io.tandem.engine.config.ConfigFixtures.MINIMAL;
import static io.tandem.engine.config.ConfigFixtures.assertProblem;
import static io.tandem.engine.config.ConfigFixtures.parse;
import static io.tandem.engine.config.ConfigFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerifyConfigTest {

    @Test
    void defaultsAreTheReferencesDefaults() {
        assertEquals(VerifyConfig.defaults(), parse(MINIMAL).verify());
    }

    @Test
    void everyKeyIsRead() {
        VerifyConfig verify = parse(MINIMAL + "verify:\n  chunk-rows: 500\n  mode: continuous\n"
                + "  max-rows-per-second: 20000\n  pass-interval: 1h\n  catch-up-timeout: 30s\n  recheck-rounds: 2\n"
                + "  full-pass-every: 4\n  max-tracked-keys: 5000\n")
                .verify();
        assertEquals(new VerifyConfig(500, VerifyConfig.Mode.CONTINUOUS, 20_000, Duration.ofHours(1),
                Duration.ofSeconds(30), 2, 4, 5000), verify);
    }

    @Test
    void badValuesNameTheKey() {
        assertProblem(problems(MINIMAL + "verify:\n  mode: sometimes\n"), "verify.mode", "one of once, continuous");
        assertProblem(problems(MINIMAL + "verify:\n  chunk-rows: 0\n"), "verify.chunk-rows");
        assertProblem(problems(MINIMAL + "verify:\n  catch-up-timeout: 10ms\n"), "verify.catch-up-timeout");
    }
}
