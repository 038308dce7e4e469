package io.tandem.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeySuggestionsTest {
    private static final List<String> SOURCE_KEYS = List.of("host", "port", "user", "password", "flavor", "databases");

    @Test
    void suggestsTyposTranspositionsAndOtherSpellings() {
        assertEquals(Optional.of("port"), KeySuggestions.closest("prot", SOURCE_KEYS));
        assertEquals(Optional.of("password"), KeySuggestions.closest("pasword", SOURCE_KEYS));
        assertEquals(Optional.of("databases"), KeySuggestions.closest("database", SOURCE_KEYS));
        assertEquals(Optional.of("batch-max-rows"), KeySuggestions.closest("batchMaxRows", List.of("batch-max-rows")));
    }

    @Test
    void doesNotSuggestUnrelatedWords() {
        assertEquals(Optional.empty(), KeySuggestions.closest("colour", SOURCE_KEYS));
        assertEquals(Optional.empty(), KeySuggestions.closest("x", List.of("ab")));
    }

    @Test
    void findsKeysThatBelongToAnotherSection() {
        assertEquals(List.of("source.port", "target.port"),
                KeySuggestions.elsewhere("port", List.of("target.port", "source.port", "source.host")));
    }
}
