package io.tandem.engine.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NulCharactersTest {

    @Test
    void nulInJsonIsFoundOnlyAsARealEscape() {
        assertTrue(NulCharacters.hasJsonNul("{\"a\": \"x\\u0000y\"}"));
        assertTrue(NulCharacters.hasJsonNul("\"\\\\\\u0000\"")); // \\ then \u0000
        assertFalse(NulCharacters.hasJsonNul("\"\\\\u0000\""), "an escaped backslash followed by text");
        assertFalse(NulCharacters.hasJsonNul("{\"a\": \"\\u0001\"}"));
        assertTrue(NulCharacters.hasJsonNul("\"a\0b\""));
        assertFalse(NulCharacters.hasJsonNul("[]"));
    }

    @Test
    void strippingJsonDropsOnlyTheNulEscapeAndKeepsEscapedBackslashes() {
        assertEquals("{\"a\": \"xy\"}", NulCharacters.stripJson("{\"a\": \"x\\u0000y\"}"));
        assertEquals("\"\\\\\"", NulCharacters.stripJson("\"\\\\\\u0000\""));
        assertEquals("\"\\\\u0000\"", NulCharacters.stripJson("\"\\\\u0000\""), "text, not an escape");
        assertEquals("\"\\u0001\\\"\"", NulCharacters.stripJson("\"\\u0001\\\"\""));
        assertEquals("\"ab\"", NulCharacters.stripJson("\"a\0b\""));
    }

    @Test
    void strippingTextRemovesEveryNul() {
        assertEquals("ab", NulCharacters.strip("\0a\0\0b\0"));
        assertEquals("a\\0b", NulCharacters.printable("a\0b"));
    }
}
