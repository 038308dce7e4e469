package io.tandem.sink.postgres.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.ColumnOverride;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetIndex;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableDefinitionsJsonTest {

    /** Every field set to something that would show if it were lost: nulls, flags both ways, every value kind. */
    private static TargetTable everything() {
        List<TargetColumn> columns = new ArrayList<>();
        columns.add(new TargetColumn("id", "id", "bigint", ValueKind.INTEGER, false, null, true, true));
        columns.add(new TargetColumn("Status", "status \"x\"", "text", ValueKind.TEXT, false, "'new'::text", false,
                true));
        columns.add(new TargetColumn("v", "v", "integer", ValueKind.INTEGER, true, null, false, false));
        columns.add(new TargetColumn("paid", "paid", "boolean", ValueKind.INTEGER, true, null, false, true,
                new ColumnOverride("boolean", null)));
        columns.add(new TargetColumn("at", "at", "timestamptz", ValueKind.INTEGER, true, null, false, true,
                new ColumnOverride("timestamptz", "to_timestamp(value::bigint)")));
        for (ValueKind kind : ValueKind.values()) {
            columns.add(new TargetColumn("k_" + kind, "k_" + kind.name().toLowerCase(), "text", kind, true,
                    "'ü\\n'", false, true));
        }
        return new TargetTable(new TableId("Shop", "Orders ä"), "Shop", "Orders ä", columns, List.of("id", "v"),
                List.of(new TargetIndex("UQ", "Orders ä_uq", true, List.of("status \"x\"")),
                        new TargetIndex("v", "Orders ä_v", false, List.of("v", "id"))),
                List.of("FULLTEXT index ft is not created", "default CURRENT_TIMESTAMP not translated"));
    }

    @Test
    void aDefinitionRoundTripsExactly() {
        TargetTable table = everything();
        assertEquals(table, TableDefinitions.fromJson(TableDefinitions.toJson(table)));
    }

    @Test
    void anEmptyTableRoundTrips() {
        TargetTable table = new TargetTable(new TableId("d", "t"), "d", "t",
                List.of(new TargetColumn("a", "a", "bytea", ValueKind.BYTES, true, null, false, true)),
                List.of(), List.of(), List.of());
        assertEquals(table, TableDefinitions.fromJson(TableDefinitions.toJson(table)));
    }

    @Test
    void indexesStoredWithoutTheirSourceNameGetItFromTheOldNamingRule() {
        String json = TableDefinitions.toJson(everything()).replace("\"sourceName\":\"UQ\",", "")
                .replace("\"sourceName\":\"v\",\"name\":\"Orders ä_v\"", "\"name\":\"Orders ä_v\"");
        TargetTable read = TableDefinitions.fromJson(json);
        assertEquals(List.of("uq", "v"), read.indexes().stream().map(TargetIndex::sourceName).toList());
    }

    @Test
    void anIndexShortenedByTheOldRuleIsRefusedNamingTheFix() {
        String shortened = "Orders ä_" + "x".repeat(45) + "_7f3a9c";
        String json = TableDefinitions.toJson(everything())
                .replace("\"sourceName\":\"v\",\"name\":\"Orders ä_v\"", "\"name\":\"" + shortened + "\"");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TableDefinitions.fromJson(json));
        assertTrue(e.getMessage().contains(shortened) && e.getMessage().contains("copy the table again"),
                e.getMessage());
    }

    @Test
    void aDefinitionStoredBeforeOverridesExistedReadsAsNotOverridden() {
        TargetTable table = new TargetTable(new TableId("d", "t"), "d", "t",
                List.of(new TargetColumn("a", "a", "bytea", ValueKind.BYTES, true, null, false, true)),
                List.of(), List.of(), List.of());
        String withoutOverride = TableDefinitions.toJson(table).replace(",\"override\":null", "");
        assertNotEquals(TableDefinitions.toJson(table), withoutOverride);
        assertEquals(table, TableDefinitions.fromJson(withoutOverride));
    }

    @Test
    void anUnknownFieldIsRefusedRatherThanDropped() {
        String json = TableDefinitions.toJson(everything()).replaceFirst("\\{", "{\"future\":1,");
        assertThrows(UncheckedIOException.class, () -> TableDefinitions.fromJson(json));
    }
}
