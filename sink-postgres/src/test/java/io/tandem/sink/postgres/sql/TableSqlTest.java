package io.tandem.sink.postgres.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.ColumnOverride;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSqlTest {

    private static TargetColumn column(String name, String type, boolean replicated) {
        return new TargetColumn(name, name, type, ValueKind.TEXT, true, null, false, replicated);
    }

    @Test
    void quotesIdentifiersAndDoublesEmbeddedQuotes() {
        assertEquals("\"a\"\"b\"", SqlIdentifiers.quote("a\"b"));
        assertEquals("\"Sch\".\"x; DROP TABLE y\"", SqlIdentifiers.qualified("Sch", "x; DROP TABLE y"));
        assertThrows(IllegalArgumentException.class, () -> SqlIdentifiers.quote("a\0b"));
    }

    @Test
    void overriddenColumnsGoThroughTheirConversionAndConvertedKeysAreJoinedAfterConversion() {
        TargetTable table = new TargetTable(new TableId("d", "t"), "d", "t", List.of(
                new TargetColumn("id", "id", "uuid", ValueKind.BYTES, false, null, false, true,
                        new ColumnOverride("uuid", "substr(value, 3)::uuid")),
                new TargetColumn("ok", "ok", "boolean", ValueKind.INTEGER, true, null, false, true,
                        new ColumnOverride("boolean", null))),
                List.of("id"), List.of(), List.of());
        TableSql sql = TableSql.of(table);
        String id = "CAST((SELECT (substr(value, 3)::uuid) FROM (VALUES (CAST(%s AS text))) AS override(value)) AS uuid)";
        assertEquals("INSERT INTO \"d\".\"t\" (\"id\", \"ok\") SELECT " + id.formatted("u.v0")
                + ", CAST(u.v1 AS boolean) FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS u(v0, v1)"
                + " ON CONFLICT (\"id\") DO UPDATE SET \"ok\" = EXCLUDED.\"ok\"", sql.upsert());
        assertEquals("DELETE FROM \"d\".\"t\" AS t USING (SELECT " + id.formatted("k.v0") + " AS k0"
                + " FROM unnest(CAST(? AS text[])) AS k(v0)) AS c WHERE t.\"id\" = c.k0", sql.deleteByKey());
    }

    @Test
    void upsertUpdatesNonKeyColumnsAndSkipsComputedOnes() {
        TargetTable table = new TargetTable(new TableId("d", "t"), "d", "t",
                List.of(column("id", "bigint", true), column("v", "text", true), column("g", "int", false)),
                List.of("id"), List.of(), List.of());
        TableSql sql = TableSql.of(table);
        assertArrayEquals(new int[] {0, 1}, sql.written());
        assertEquals("INSERT INTO \"d\".\"t\" (\"id\", \"v\") SELECT CAST(u.v0 AS bigint), CAST(u.v1 AS text)"
                + " FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS u(v0, v1)"
                + " ON CONFLICT (\"id\") DO UPDATE SET \"v\" = EXCLUDED.\"v\"", sql.upsert());
        assertEquals("DELETE FROM \"d\".\"t\" AS t USING unnest(CAST(? AS text[])) AS k(v0)"
                + " WHERE t.\"id\" = CAST(k.v0 AS bigint)", sql.deleteByKey());
    }

    @Test
    void castsToTheUnboundedTypeSoTheColumnRefusesValuesThatDoNotFit() {
        assertEquals("character varying", CastTypes.unbounded("character varying(3)"));
        assertEquals("bpchar", CastTypes.unbounded("character(120)"));
        assertEquals("bpchar[]", CastTypes.unbounded("char(2)[]"));
        assertEquals("bit varying", CastTypes.unbounded("bit(8)"));
        assertEquals("numeric", CastTypes.unbounded("numeric(20, 0)"));
        assertEquals("timestamp with time zone", CastTypes.unbounded("timestamp(6) with time zone"));
        assertEquals("double precision", CastTypes.unbounded("double precision"));
        assertEquals("jsonb", CastTypes.unbounded("jsonb"));
    }

    @Test
    void upsertDoesNothingWhenEveryColumnIsKey() {
        TargetTable table = new TargetTable(new TableId("d", "link"), "d", "link",
                List.of(column("a", "int", true), column("b", "int", true)), List.of("a", "b"), List.of(), List.of());
        assertTrue(TableSql.of(table).upsert().endsWith("ON CONFLICT (\"a\", \"b\") DO NOTHING"));
    }

    @Test
    void keylessStatementsChangeOneRowFoundByAllValues() {
        TargetTable table = new TargetTable(new TableId("d", "k"), "d", "k",
                List.of(column("a", "int", true), new TargetColumn("j", "j", "json", ValueKind.JSON, true, null,
                        false, true), new TargetColumn("n", "n", "int", ValueKind.INTEGER, false, null, false, true)),
                List.of(), List.of(), List.of());
        TableSql sql = TableSql.of(table);
        // A NOT NULL column is matched with plain equality, which an index can serve.
        assertEquals("DELETE FROM \"d\".\"k\" WHERE ctid = (SELECT ctid FROM \"d\".\"k\" WHERE"
                + " \"a\" IS NOT DISTINCT FROM CAST(? AS int)"
                + " AND CAST(\"j\" AS text) IS NOT DISTINCT FROM CAST(? AS text)"
                + " AND \"n\" = CAST(? AS int) LIMIT 1)", sql.deleteOne());
        assertTrue(sql.updateOne().startsWith(
                "UPDATE \"d\".\"k\" SET \"a\" = CAST(? AS int), \"j\" = CAST(? AS json), \"n\" = CAST(? AS int)"
                        + " WHERE ctid = (SELECT"));
    }
}
