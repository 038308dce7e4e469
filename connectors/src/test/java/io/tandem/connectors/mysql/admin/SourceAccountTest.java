package io.tandem.connectors.mysql.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SourceAccountTest {

    @Test
    void readsTheUsualSpellings() {
        assertEquals(new SourceAccount("app", "%"), SourceAccount.parse("'app'@'%'"));
        assertEquals(new SourceAccount("app", "10.0.%"), SourceAccount.parse("app@10.0.%"));
        assertEquals(new SourceAccount("app", "%"), SourceAccount.parse(" app "));
        assertEquals("'app'@'localhost'", SourceAccount.parse("app@localhost").sql());
    }

    @Test
    void refusesWhatCouldBreakOutOfTheLiteral() {
        assertThrows(IllegalArgumentException.class, () -> SourceAccount.parse("'a'b'@'%'"));
        assertThrows(IllegalArgumentException.class, () -> new SourceAccount("a\\", "%"));
        assertThrows(IllegalArgumentException.class, () -> new SourceAccount("a", "%\n"));
        assertThrows(IllegalArgumentException.class, () -> new SourceAccount("", "%"));
        assertThrows(IllegalArgumentException.class, () -> SourceAccount.parse("a@b@c"));
    }
}
