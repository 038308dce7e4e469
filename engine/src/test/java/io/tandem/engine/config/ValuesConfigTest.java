package io.tandem.engine.config;

import static io.tandem.engine.config.ConfigFixtures.MINIMAL;
import static io.tandem.engine.config.ConfigFixtures.assertProblem;
import static io.tandem.engine.config.ConfigFixtures.parse;
import static io.tandem.engine.config.ConfigFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.values.NulPolicy;
import io.tandem.engine.values.ValuePolicies;
import io.tandem.engine.values.ZeroDatePolicy;
import org.junit.jupiter.api.Test;

class ValuesConfigTest {

    @Test
    void defaultsWriteNullForZeroDatesAndStripNulCharacters() {
        assertEquals(ValuePolicies.DEFAULTS, parse(MINIMAL).values().policies());
        assertEquals(new ValuePolicies(ZeroDatePolicy.NULL, NulPolicy.STRIP), ValuePolicies.DEFAULTS);
    }

    @Test
    void eachPolicyIsReadInKebabCase() {
        TandemConfig config = parse(MINIMAL + "values:\n  zero-dates: dead-letter\n  nul-characters: fail\n");
        assertEquals(new ValuePolicies(ZeroDatePolicy.DEAD_LETTER, NulPolicy.FAIL), config.values().policies());
        assertEquals(ZeroDatePolicy.INFINITY, parse(MINIMAL + "values:\n  zero-dates: infinity\n").values().zeroDates());
    }

    @Test
    void nullWrittenBareOrQuotedMeansThePolicyNull() {
        // A bare YAML null counts as absent, whose default is the same policy.
        assertEquals(ZeroDatePolicy.NULL, parse(MINIMAL + "values:\n  zero-dates: null\n").values().zeroDates());
        assertEquals(ZeroDatePolicy.NULL, parse(MINIMAL + "values:\n  zero-dates: \"null\"\n").values().zeroDates());
    }

    @Test
    void anUnknownPolicyNamesTheKeyAndTheChoices() {
        assertProblem(problems(MINIMAL + "values:\n  zero-dates: epoch\n"), "values.zero-dates",
                "one of null, infinity, dead-letter, fail", "\"epoch\"");
        assertProblem(problems(MINIMAL + "values:\n  nul-characters: replace\n"), "values.nul-characters",
                "one of strip, dead-letter, fail");
    }

    @Test
    void theStartupDescriptionShowsThePolicies() {
        String described = parse(MINIMAL + "values:\n  zero-dates: fail\n").describeMasked();
        assertTrue(described.contains("values:\n  zero-dates: fail\n  nul-characters: strip"), described);
    }
}
