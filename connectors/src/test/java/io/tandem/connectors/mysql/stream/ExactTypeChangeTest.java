package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Type changes applied with PostgreSQL's cast are the widening ones; any other is re-copied from the source. */
class ExactTypeChangeTest {

    @Test
    void wideningKeepsEveryValue() {
        assertTrue(ExactTypeChange.widens("smallint", "integer"));
        assertTrue(ExactTypeChange.widens("integer", "bigint"));
        assertTrue(ExactTypeChange.widens("bigint", "numeric(20,0)"));
        assertTrue(ExactTypeChange.widens("integer", "numeric(12,2)"));
        assertTrue(ExactTypeChange.widens("numeric(8,3)", "numeric(10,3)"));
        assertTrue(ExactTypeChange.widens("numeric(8,3)", "numeric(9,4)"));
        assertTrue(ExactTypeChange.widens("real", "double precision"));
        assertTrue(ExactTypeChange.widens("varchar(10)", "varchar(20)"));
        assertTrue(ExactTypeChange.widens("varchar(10)", "text"));
        assertTrue(ExactTypeChange.widens("timestamp(0) without time zone", "timestamp(6) without time zone"));
        assertTrue(ExactTypeChange.widens("jsonb", "jsonb"));
    }

    @Test
    void narrowingOrConvertingIsNot() {
        assertFalse(ExactTypeChange.widens("bigint", "integer"));
        assertFalse(ExactTypeChange.widens("bigint", "numeric(12,0)"));
        assertFalse(ExactTypeChange.widens("numeric(8,3)", "numeric(6,1)"), "a lower scale rounds");
        assertFalse(ExactTypeChange.widens("numeric(8,3)", "numeric(8,4)"), "fewer whole digits");
        assertFalse(ExactTypeChange.widens("double precision", "real"));
        assertFalse(ExactTypeChange.widens("varchar(10)", "varchar(5)"));
        assertFalse(ExactTypeChange.widens("text", "varchar(100)"));
        assertFalse(ExactTypeChange.widens("integer", "varchar(20)"), "MySQL's number to text formatting");
        assertFalse(ExactTypeChange.widens("varchar(10)", "bytea"), "BINARY(n) pads; convert_to does not");
        assertFalse(ExactTypeChange.widens("timestamp(6) without time zone", "timestamp(0) without time zone"));
        assertFalse(ExactTypeChange.widens("timestamp(3) without time zone", "timestamp(3) with time zone"));
    }
}
