package io.tandem.connectors.mysql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnumLabelsTest {

    @Test
    void readsLabelsWithQuotesCommasAndEscapes() {
        assertEquals(List.of("a", "it's", "b\\c", "", "x,y", "(p)"),
                EnumLabels.parse("enum('a','it''s','b\\\\c','','x,y','(p)')"));
        assertEquals(List.of("x", "y"), EnumLabels.parse("set('x','y')"));
        assertEquals(List.of("new\nline"), EnumLabels.parse("enum('new\\nline')"));
    }

    @Test
    void otherTypesHaveNoLabels() {
        assertEquals(List.of(), EnumLabels.parse("varchar(10)"));
        assertEquals(List.of(), EnumLabels.parse("int(11) unsigned"));
    }

    @Test
    void rejectsBrokenText() {
        assertThrows(IllegalArgumentException.class, () -> EnumLabels.parse("enum('a"));
    }
}
