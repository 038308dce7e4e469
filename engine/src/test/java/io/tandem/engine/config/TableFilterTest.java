package io.tandem.engine.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableFilterTest {

    @Test
    void globsMatchEachHalfSeparately() {
        TablePattern pattern = TablePattern.parse("shop.order_?");
        assertTrue(pattern.matches("shop", "order_1"));
        assertFalse(pattern.matches("shop", "order_12"));
        assertFalse(pattern.matches("Shop", "order_1"));
    }

    @Test
    void regexCharactersAreLiteral() {
        assertTrue(TablePattern.parse("sh*.orders").matches("shop", "orders"));
        assertTrue(TablePattern.parse("*.a+b").matches("db", "a+b"));
        assertFalse(TablePattern.parse("*.a+b").matches("db", "aab"));
    }

    @Test
    void malformedPatternsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TablePattern.parse("orders"));
        assertThrows(IllegalArgumentException.class, () -> TablePattern.parse(".orders"));
        assertThrows(IllegalArgumentException.class, () -> TablePattern.parse("shop."));
    }

    @Test
    void databasesBoundIncludesAndExcludesWin() {
        TableFilter filter = new TableFilter(List.of("shop", "crm"),
                List.of(TablePattern.parse("*.orders"), TablePattern.parse("crm.*")),
                List.of(TablePattern.parse("crm.audit_*")));
        assertTrue(filter.includes("shop", "orders"));
        assertFalse(filter.includes("other", "orders"));
        assertFalse(filter.includes("shop", "customers"));
        assertTrue(filter.includes("crm", "contacts"));
        assertFalse(filter.includes("crm", "audit_2024"));
    }
}
