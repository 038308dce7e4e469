package io.tandem.connect.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.TableAlteration;
import io.tandem.engine.change.TableAlteration.AddColumn;
import io.tandem.engine.change.TableAlteration.AlterColumn;
import io.tandem.engine.change.TableAlteration.DropColumn;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.NameCase;
import io.tandem.engine.transform.TargetNames;
import io.tandem.engine.transform.TargetTable;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class TableSchemaChangeTest {

    private static final TableId ORDERS = new TableId("shop", "orders");
    private static final SourcePosition AT = new SourcePosition(Map.of("kafka.topic", "t"), Map.of(), "t-0@7");
    private final MySqlTableMapper mapper = new MySqlTableMapper(new TargetNames(NameCase.LOWER));

    @Test
    void anAddedColumnGetsTheRecordSchemasDefaultForExistingRows() {
        AlterTable alter = TableSchemaChange.between(table(id(), total("decimal(10,2)")),
                table(id(), total("decimal(10,2)"), SourceColumn.of("tier", "varchar(10)", true)),
                column -> "'bronze'", AT);
        assertEquals(List.of(new AddColumn(alter.after().columns().get(2), "'bronze'")), alter.steps());
    }

    @Test
    void aDroppedColumnIsDroppedAndAWidenedTypeAltered() {
        TargetTable before = table(id(), total("decimal(10,2)"), SourceColumn.of("note", "text", true));
        TargetTable after = table(id(), total("decimal(14,2)"));
        List<TableAlteration> steps = TableSchemaChange.between(before, after, column -> null, AT).steps();
        assertEquals(new DropColumn("note"), steps.get(0));
        assertTrue(steps.get(1) instanceof AlterColumn alter && alter.after().pgType().equals("numeric(14,2)"),
                steps.toString());
    }

    @Test
    void aChangeThatCouldBeARenameIsRefusedNamingTheColumns() {
        DataException refused = assertThrows(DataException.class, () -> TableSchemaChange.between(
                table(id(), total("decimal(10,2)")), table(id(), SourceColumn.of("amount", "decimal(10,2)", false)),
                column -> null, AT));
        assertTrue(refused.getMessage().contains("[total]") && refused.getMessage().contains("[amount]"),
                refused.getMessage());
    }

    @Test
    void aNarrowedTypeIsRefusedBecausePostgresqlWouldRoundDifferently() {
        DataException refused = assertThrows(DataException.class, () -> TableSchemaChange.between(
                table(id(), total("decimal(10,2)")), table(id(), total("decimal(10,1)")), column -> null, AT));
        assertTrue(refused.getMessage().contains("numeric(10,1)"), refused.getMessage());
    }

    @Test
    void anAddedNotNullColumnWithoutADefaultIsRefused() {
        assertThrows(DataException.class, () -> TableSchemaChange.between(table(id()),
                table(id(), SourceColumn.of("code", "int(11)", false)), column -> null, AT));
    }

    private static SourceColumn id() {
        return SourceColumn.of("id", "int(11)", false);
    }

    private static SourceColumn total(String type) {
        return SourceColumn.of("total", type, false);
    }

    private TargetTable table(SourceColumn... columns) {
        return mapper.map(new SourceTable(ORDERS, List.of(columns), List.of("id"), List.of()));
    }
}
