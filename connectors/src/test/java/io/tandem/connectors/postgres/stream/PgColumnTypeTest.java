package io.tandem.connectors.postgres.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PgColumnTypeTest {

    @Test
    void readsEveryTypeTandemMapsTo() {
        assertEquals(new PgColumnType("INT2", null, null), PgColumnType.of("smallint"));
        assertEquals(new PgColumnType("INT4", null, null), PgColumnType.of("integer"));
        assertEquals(new PgColumnType("INT8", null, null), PgColumnType.of("bigint"));
        assertEquals(new PgColumnType("NUMERIC", 20, 0), PgColumnType.of("numeric(20,0)"));
        assertEquals(new PgColumnType("NUMERIC", 65, 30), PgColumnType.of("numeric(65,30)"));
        assertEquals(new PgColumnType("FLOAT4", null, null), PgColumnType.of("real"));
        assertEquals(new PgColumnType("FLOAT8", null, null), PgColumnType.of("double precision"));
        assertEquals(new PgColumnType("BOOL", null, null), PgColumnType.of("boolean"));
        assertEquals(new PgColumnType("BIT", 10, null), PgColumnType.of("bit(10)"));
        assertEquals(new PgColumnType("TIMESTAMP", null, 0), PgColumnType.of("timestamp(0) without time zone"));
        assertEquals(new PgColumnType("TIMESTAMPTZ", null, 6), PgColumnType.of("timestamp(6) with time zone"));
        assertEquals(new PgColumnType("TIMESTAMPTZ", null, 6), PgColumnType.of("timestamp with time zone"));
        assertEquals(new PgColumnType("INTERVAL", null, null), PgColumnType.of("interval"));
        assertEquals(new PgColumnType("VARCHAR", 12, null), PgColumnType.of("varchar(12)"));
        assertEquals(new PgColumnType("VARCHAR", 12, null), PgColumnType.of("character varying(12)"));
        assertEquals(new PgColumnType("TEXT", null, null), PgColumnType.of("text"));
        assertEquals(new PgColumnType("BYTEA", null, null), PgColumnType.of("bytea"));
        assertEquals(new PgColumnType("JSONB", null, null), PgColumnType.of("jsonb"));
        assertEquals(new PgColumnType("UUID", null, null), PgColumnType.of("uuid"));
        assertEquals(new PgColumnType("INET", null, null), PgColumnType.of("inet"));
        assertEquals(new PgColumnType("GEOMETRY", null, null), PgColumnType.of("geometry(Point,4326)"));
    }

    @Test
    void comparesOnlyWhatTheDefinitionFixes() {
        Map<String, String> int4 = Map.of(PgColumnType.TYPE_PARAMETER, "INT4", PgColumnType.LENGTH_PARAMETER, "10",
                PgColumnType.SCALE_PARAMETER, "0");
        assertNull(PgColumnType.of("integer").difference(int4));
        assertEquals("now INT4(10,0), tandem's definition INT8(any,any)", PgColumnType.of("bigint").difference(int4));
        Map<String, String> varchar = Map.of(PgColumnType.TYPE_PARAMETER, "VARCHAR", PgColumnType.LENGTH_PARAMETER,
                "20", PgColumnType.SCALE_PARAMETER, "0");
        assertEquals("now VARCHAR(20,0), tandem's definition VARCHAR(12,any)",
                PgColumnType.of("varchar(12)").difference(varchar));
        assertNull(PgColumnType.of("integer").difference(Map.of()));
    }
}
