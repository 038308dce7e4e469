package io.tandem.engine.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnOverrideMappingTest {

    private static final TableId ORDERS = new TableId("shop", "orders");
    private static final SourceTable TABLE = new SourceTable(ORDERS, List.of(
            SourceColumn.of("id", "char(36)", false),
            new SourceColumn("paid", "tinyint(1)", false, "0", false, SourceColumn.Generated.NO, null, null, List.of()),
            SourceColumn.of("created", "int(11)", true),
            SourceColumn.of("total", "decimal(10,2)", true)), List.of("id"), List.of());

    private static final ColumnOverrides OVERRIDES = ColumnOverrides.of(Map.of(
            new ColumnOverrides.Key(ORDERS, "id"), new ColumnOverride("uuid", null),
            new ColumnOverrides.Key(ORDERS, "paid"), new ColumnOverride("boolean", null),
            new ColumnOverrides.Key(ORDERS, "created"), new ColumnOverride("timestamptz", "to_timestamp(value::bigint)")));

    @Test
    void overrideReplacesTheTypeAndKeepsTheSourceTextForm() {
        TargetTable table = new MySqlTableMapper(OVERRIDES).map(TABLE);
        TargetColumn id = table.columns().get(0);
        assertEquals("uuid", id.pgType());
        assertEquals(ValueKind.TEXT, id.kind());
        assertEquals(new ColumnOverride("uuid", null), id.override());
        TargetColumn paid = table.columns().get(1);
        assertEquals("boolean", paid.pgType());
        assertEquals(ValueKind.INTEGER, paid.kind());
        TargetColumn created = table.columns().get(2);
        assertEquals("timestamptz", created.pgType());
        assertTrue(created.converted());
        TargetColumn total = table.columns().get(3);
        assertEquals("numeric(10,2)", total.pgType());
        assertNull(total.override());
        assertEquals(List.of("id"), table.primaryKey());
    }

    @Test
    void theSourceDefaultIsNotCarriedOverButNoted() {
        TargetTable table = new MySqlTableMapper(OVERRIDES).map(TABLE);
        assertNull(table.columns().get(1).defaultSql());
        assertTrue(table.notes().stream().anyMatch(n -> n.contains("paid default 0 is not carried over")), table.notes()::toString);
        assertTrue(table.notes().stream().anyMatch(n -> n.contains("column created is timestamptz by override from config")
                && n.contains("mapped type integer")), table.notes()::toString);
    }

    @Test
    void overridesNamingMissingTablesOrColumnsAreReported() {
        ColumnOverrides overrides = ColumnOverrides.of(Map.of(
                new ColumnOverrides.Key(ORDERS, "paid"), new ColumnOverride("boolean", null),
                new ColumnOverrides.Key(ORDERS, "payed"), new ColumnOverride("boolean", null),
                new ColumnOverrides.Key(new TableId("shop", "ordrs"), "paid"), new ColumnOverride("boolean", null)));
        List<String> problems = overrides.unmatched(List.of(TABLE));
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("columns.\"shop.orders.payed\": table shop.orders has no "
                + "column payed (its columns: id, paid, created, total)")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("columns.\"shop.ordrs.paid\": table shop.ordrs is not "
                + "replicated")), problems::toString);
    }
}
