package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DefaultTextTest {

    @Test
    void quotesByColumnType() {
        assertEquals("'abc'", DefaultText.of("varchar(20)", "abc"));
        assertEquals("'it''s'", DefaultText.of("text", "it''s"));
        assertEquals("'a'", DefaultText.of("enum('a','b')", "a"));
        assertEquals("'2024-01-01'", DefaultText.of("date", "2024-01-01"));
        assertEquals("-1.50", DefaultText.of("decimal(5,2)", "-1.50"));
        assertEquals("1", DefaultText.of("tinyint(1)", "TRUE"));
        assertEquals("b'101'", DefaultText.of("bit(3)", "101"));
        assertEquals("current_timestamp()", DefaultText.of("timestamp(6)", "1970-01-01 00:00:00"));
        assertNull(DefaultText.of("int", null));
    }
}
