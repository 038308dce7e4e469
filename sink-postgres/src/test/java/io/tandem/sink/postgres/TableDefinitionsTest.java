package io.tandem.sink.postgres;

import static io.tandem.sink.postgres.Fixtures.column;
import static io.tandem.sink.postgres.Fixtures.insert;
import static io.tandem.sink.postgres.Fixtures.items;
import static io.tandem.sink.postgres.Fixtures.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.CreateTable;
import io.tandem.engine.change.DropTable;
import io.tandem.engine.change.RenameTable;
import io.tandem.engine.change.TableAlteration;
import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code tandem.tables} follows every table change, in the transaction of the change. */
class TableDefinitionsTest {

    private TargetFixture db;

    @BeforeEach
    void open() throws Exception {
        db = TargetFixture.open("sink_definitions");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private Map<TableId, TargetTable> stored() {
        return db.target.stateStore().tableDefinitions();
    }

    private static TargetTable withQtyBigint(TargetTable table) {
        List<TargetColumn> columns = new ArrayList<>(table.columns());
        columns.set(2, column("qty", "bigint", ValueKind.INTEGER));
        return new TargetTable(table.source(), table.schema(), table.name(), columns, table.primaryKey(),
                table.indexes(), table.notes());
    }

    @Test
    void theSnapshotStoresTheDefinitionWithTheTable() {
        db.target.snapshotTarget().createTable(items());
        assertEquals(Map.of(items().source(), items()), stored());
    }

    @Test
    void aTableCreatedWithAnotherDefinitionIsReplacedBeforeItsCopy() throws Exception {
        db.target.snapshotTarget().createTable(items());
        db.execute("INSERT INTO shop.items VALUES (1, 'left from an interrupted copy', 1)");

        TargetTable changed = withQtyBigint(items());
        db.target.snapshotTarget().createTable(changed);

        assertEquals(Map.of(changed.source(), changed), stored());
        assertEquals("bigint", db.value("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'shop.items'::regclass AND attname = 'qty'"));
    }

    @Test
    void streamedDdlMovesTheDefinitionsWithTheBatch() {
        TargetTable items = items();
        TargetTable altered = withQtyBigint(items);
        TargetTable renamed = new TargetTable(new TableId("shop", "goods"), "shop", "goods", altered.columns(),
                altered.primaryKey(), altered.indexes(), altered.notes());

        db.target.changeSink().apply(List.of(new CreateTable(items, position(1))), position(1));
        assertEquals(Map.of(items.source(), items), stored());

        db.target.changeSink().apply(List.of(new AlterTable(items, altered, List.of(new TableAlteration.AlterColumn(
                items.columns().get(2), altered.columns().get(2))), position(2))), position(2));
        assertEquals(Map.of(items.source(), altered), stored());

        db.target.changeSink().apply(List.of(new RenameTable(altered, renamed, position(3))), position(3));
        assertEquals(Map.of(renamed.source(), renamed), stored());

        db.target.changeSink().apply(List.of(new DropTable(renamed, position(4))), position(4));
        assertEquals(Map.of(), stored());
    }

    @Test
    void aFailedBatchLeavesTheDefinitionsAsTheyWere() {
        TargetTable items = items();
        TargetTable altered = withQtyBigint(items);
        db.target.changeSink().apply(List.of(new CreateTable(items, position(1))), position(1));

        // The ALTER succeeds, the row after it does not (no such column): the whole batch rolls back.
        TargetTable wrong = new TargetTable(items.source(), "shop", "items",
                List.of(column("id", "bigint", ValueKind.INTEGER), column("nope", "text", ValueKind.TEXT)),
                List.of("id"), List.of(), List.of());
        assertThrows(SinkException.class, () -> db.target.changeSink().apply(List.of(
                new AlterTable(items, altered, List.of(new TableAlteration.AlterColumn(items.columns().get(2),
                        altered.columns().get(2))), position(2)),
                insert(wrong, 3, "1", "x")), position(3)));

        assertEquals(Map.of(items.source(), items), stored());
    }
}
