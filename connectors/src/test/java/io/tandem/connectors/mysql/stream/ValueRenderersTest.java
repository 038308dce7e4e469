package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** ENUM and SET values as Debezium delivers them (label text from SHOW CREATE TABLE, commas escaped) and back. */
class ValueRenderersTest {

    @Test
    void commasAndBackslashesInLabelsComeBackAsTheSourceHasThem() {
        assertEquals("plain", ValueRenderers.enumLabels("plain"));
        assertEquals("b,c", ValueRenderers.enumLabels("b\\,c"));
        assertEquals("x\\y", ValueRenderers.enumLabels("x\\\\y"));
        assertEquals("x\\,y", ValueRenderers.enumLabels("x\\\\\\,y"));
        assertEquals("trailing\\", ValueRenderers.enumLabels("trailing\\\\"));
        assertEquals("it's", ValueRenderers.enumLabels("it's"));
    }

    @Test
    void setMembersJoinedByCommasKeepTheirOwnBackslashes() {
        // Members cannot contain commas; the separators Debezium adds are not escaped.
        assertEquals("x\\,q", ValueRenderers.enumLabels("x\\\\,q"));
        assertEquals("a,b", ValueRenderers.enumLabels("a,b"));
    }
}
