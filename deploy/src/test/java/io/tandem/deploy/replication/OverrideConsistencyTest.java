package io.tandem.deploy.replication;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.ColumnOverride;
import io.tandem.engine.transform.ColumnOverrides;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.TargetTable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OverrideConsistencyTest {

    private static final TableId ORDERS = new TableId("shop", "orders");
    private static final SourceTable SOURCE = new SourceTable(ORDERS, List.of(SourceColumn.of("id", "int(11)", false),
            SourceColumn.of("paid", "tinyint(1)", true)), List.of("id"), List.of());
    private static final ColumnOverrides PAID_BOOLEAN = ColumnOverrides.of(Map.of(
            new ColumnOverrides.Key(ORDERS, "paid"), new ColumnOverride("boolean", null)));

    private static Map<TableId, TargetTable> mapped(ColumnOverrides overrides) {
        return Map.of(ORDERS, new MySqlTableMapper(overrides).map(SOURCE));
    }

    @Test
    void aCopiedTableMustKeepTheOverridesItWasCopiedWith() {
        assertDoesNotThrow(() -> OverrideConsistency.requireUnchangedSinceCopy(mapped(PAID_BOOLEAN),
                mapped(PAID_BOOLEAN), Set.of(ORDERS)));

        IllegalStateException added = assertThrows(IllegalStateException.class, () ->
                OverrideConsistency.requireUnchangedSinceCopy(mapped(PAID_BOOLEAN), mapped(ColumnOverrides.none()),
                        Set.of(ORDERS)));
        assertTrue(added.getMessage().contains("columns.\"shop.orders.paid\": shop.orders was copied with paid as "
                + "smallint (no override), the config now says boolean (override)"), added.getMessage());
        assertTrue(added.getMessage().contains("delete its row in tandem.snapshot_tables"), added.getMessage());

        IllegalStateException removed = assertThrows(IllegalStateException.class, () ->
                OverrideConsistency.requireUnchangedSinceCopy(mapped(ColumnOverrides.none()), mapped(PAID_BOOLEAN),
                        Set.of(ORDERS)));
        assertTrue(removed.getMessage().contains("copied with paid as boolean (override), the config now says "
                + "smallint (no override)"), removed.getMessage());
    }

    @Test
    void aTableNotCopiedYetTakesTheConfigAsItIs() {
        assertDoesNotThrow(() -> OverrideConsistency.requireUnchangedSinceCopy(mapped(PAID_BOOLEAN),
                mapped(ColumnOverrides.none()), Set.of()));
    }

    @Test
    void anOverrideNamingNoReplicatedColumnStopsTheStart() {
        ColumnOverrides typo = ColumnOverrides.of(Map.of(new ColumnOverrides.Key(ORDERS, "payed"),
                new ColumnOverride("boolean", null)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OverrideConsistency.requireMatches(typo, List.of(SOURCE)));
        assertTrue(e.getMessage().contains("columns.\"shop.orders.payed\": table shop.orders has no column payed"),
                e.getMessage());
    }
}
