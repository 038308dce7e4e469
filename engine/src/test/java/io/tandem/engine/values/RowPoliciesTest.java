package io.tandem.engine.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowPoliciesTest {

    private static RowPolicies policies(ZeroDatePolicy zeroDates, NulPolicy nul) {
        return new RowPolicies(new ValuePolicies(zeroDates, nul), Set.of());
    }

    @Test
    void zeroDatesBecomeNullWhereNullableAndMinusInfinityWhereNotByDefault() {
        RowPolicies p = new RowPolicies(ValuePolicies.DEFAULTS, Set.of());
        assertNull(p.zeroDate("d", true, "0000-00-00"));
        assertEquals("-infinity", p.zeroDate("nn", false, "2024-00-15"));
        assertEquals(List.of(new PolicyHit("d", ValueIssue.ZERO_DATE, PolicyAction.NULL, "0000-00-00"),
                new PolicyHit("nn", ValueIssue.ZERO_DATE, PolicyAction.INFINITY, "2024-00-15")), p.hits());
        p.startRow();
        assertFalse(p.changedAny(), "a new row starts clean");
    }

    @Test
    void eachZeroDatePolicyActsAsConfigured() {
        assertEquals("-infinity", policies(ZeroDatePolicy.INFINITY, NulPolicy.STRIP).zeroDate("d", true, "0000-00-00"));
        RowPolicies deadLetter = policies(ZeroDatePolicy.DEAD_LETTER, NulPolicy.STRIP);
        assertNull(deadLetter.zeroDate("d", false, "0000-00-00"));
        assertEquals(PolicyAction.DEAD_LETTER, deadLetter.hits().get(0).action());
        PolicyFailure failure = assertThrows(PolicyFailure.class,
                () -> policies(ZeroDatePolicy.FAIL, NulPolicy.STRIP).zeroDate("d", true, "2024-05-00"));
        assertEquals(ValueIssue.ZERO_DATE, failure.issue());
        assertEquals("2024-05-00", failure.original());
    }

    @Test
    void nulCharactersAreStrippedRefusedOrFailed() {
        RowPolicies strip = new RowPolicies(ValuePolicies.DEFAULTS, Set.of());
        assertEquals("clean", strip.text("t", "clean"));
        assertFalse(strip.changedAny(), "text without NUL is not counted");
        assertEquals("ab", strip.text("t", "a\0b"));
        assertEquals("{\"k\": \"ab\"}", strip.json("j", "{\"k\": \"a\\u0000b\"}"));
        assertEquals(List.of(new PolicyHit("t", ValueIssue.NUL_CHARACTER, PolicyAction.STRIP, "a\\0b"),
                new PolicyHit("j", ValueIssue.NUL_CHARACTER, PolicyAction.STRIP, "{\"k\": \"a\\u0000b\"}")),
                strip.hits());
        assertNull(policies(ZeroDatePolicy.NULL, NulPolicy.DEAD_LETTER).text("t", "a\0b"));
        PolicyFailure failure = assertThrows(PolicyFailure.class,
                () -> policies(ZeroDatePolicy.NULL, NulPolicy.FAIL).json("j", "\"\\u0000\""));
        assertEquals(true, failure.json());
    }

    @Test
    void aPolicyThatWouldChangeAKeyValueFailsInsteadSinceTwoRowsCouldMerge() {
        RowPolicies keyed = new RowPolicies(ValuePolicies.DEFAULTS, Set.of("id"));
        PolicyFailure nul = assertThrows(PolicyFailure.class, () -> keyed.text("id", "a\0b"));
        assertEquals(true, nul.key());
        PolicyFailure date = assertThrows(PolicyFailure.class, () -> keyed.zeroDate("id", false, "0000-00-00"));
        assertEquals(true, date.key());
        assertEquals("ab", keyed.text("other", "a\0b"), "other columns are not keys");
        RowPolicies deadLetter = new RowPolicies(new ValuePolicies(ZeroDatePolicy.DEAD_LETTER, NulPolicy.DEAD_LETTER),
                Set.of("id"));
        assertNull(deadLetter.text("id", "a\0b"), "refusing the row changes no key");
    }
}
