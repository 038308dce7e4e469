package io.tandem.deploy.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartingTablesTest {

    private static final TableId A = new TableId("shop", "a");
    private static final TableId B = new TableId("shop", "b");
    private static final TableId GONE = new TableId("shop", "gone");
    private static final TableId EXCLUDED = new TableId("shop", "excluded");

    private static TargetTable table(TableId id, String type) {
        return new TargetTable(id, id.database(), id.table(),
                List.of(new TargetColumn("c", "c", type, ValueKind.INTEGER, true, null, false, true)),
                List.of(), List.of(), List.of());
    }

    @Test
    void copiedTablesStreamWithTheirStoredDefinitionOthersWithTodays() {
        Map<TableId, TargetTable> mapped = Map.of(A, table(A, "bigint"), B, table(B, "bigint"));
        Map<TableId, TargetTable> stored = Map.of(A, table(A, "integer"), B, table(B, "integer"));

        StartingTables tables = StartingTables.choose(mapped, stored, Set.of(A), id -> true);

        assertEquals(Map.of(A, table(A, "integer"), B, table(B, "bigint")), tables.streamed());
        assertEquals(Map.of(B, table(B, "bigint")), tables.fresh());
    }

    @Test
    void aCopiedTableWithoutStoredDefinitionUsesTodaysAndIsCreated() {
        Map<TableId, TargetTable> mapped = Map.of(A, table(A, "bigint"));

        StartingTables tables = StartingTables.choose(mapped, Map.of(), Set.of(A), id -> true);

        assertEquals(mapped, tables.streamed());
        assertEquals(mapped, tables.fresh());
    }

    @Test
    void storedTablesGoneFromTheSourceStillStreamUnlessTheFilterNowExcludesThem() {
        Map<TableId, TargetTable> stored = Map.of(GONE, table(GONE, "integer"), EXCLUDED, table(EXCLUDED, "integer"));

        StartingTables tables = StartingTables.choose(Map.of(A, table(A, "integer")), stored, Set.of(GONE, EXCLUDED),
                id -> !id.equals(EXCLUDED));

        assertEquals(Map.of(A, table(A, "integer"), GONE, table(GONE, "integer")), tables.streamed());
        assertEquals(Map.of(A, table(A, "integer")), tables.fresh());
    }
}
