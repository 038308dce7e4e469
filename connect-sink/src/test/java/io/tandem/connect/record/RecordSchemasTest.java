package io.tandem.connect.record;

import static io.tandem.connect.record.TypedFields.typed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class RecordSchemasTest {

    private static final TableId ORDERS = new TableId("shop", "orders");

    @Test
    void columnsTakeTheMySqlTypeDebeziumPropagatesAndTheKeyComesFromTheKeySchema() {
        Schema row = SchemaBuilder.struct()
                .field("id", typed(SchemaBuilder.int64(), "BIGINT UNSIGNED", "20", null))
                .field("total", typed(SchemaBuilder.bytes().optional(), "DECIMAL", "12", "2"))
                .field("status", typed(SchemaBuilder.string().name("io.debezium.data.Enum")
                        .parameter("allowed", "new,paid\\,ok,back\\\\slash"), "ENUM", "1", null))
                .field("doc", typed(SchemaBuilder.string().optional(), "JSON", null, null))
                .build();
        Schema key = SchemaBuilder.struct().field("id", SchemaBuilder.int64().build()).build();

        SourceTable table = RecordSchemas.sourceTable(ORDERS, key, row, true);

        assertEquals(List.of("id"), table.primaryKey());
        List<SourceColumn> columns = table.columns();
        assertEquals("bigint(20) unsigned", columns.get(0).columnType());
        assertEquals(false, columns.get(0).nullable());
        assertEquals("decimal(12,2)", columns.get(1).columnType());
        assertEquals(true, columns.get(1).nullable());
        assertEquals(List.of("new", "paid,ok", "back\\slash"), columns.get(2).enumValues());
        assertEquals("longtext", columns.get(3).columnType(), "MariaDB's JSON is text");
    }

    @Test
    void aTableWithoutAKeyHasNoKeySchema() {
        Schema row = SchemaBuilder.struct().field("at", typed(SchemaBuilder.int64(), "DATETIME", "6", null)).build();
        assertTrue(RecordSchemas.sourceTable(ORDERS, null, row, false).primaryKey().isEmpty());
    }

    @Test
    void aFieldWithoutItsSourceTypeNamesTheSourceConnectorSetting() {
        Schema row = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        DataException refused = assertThrows(DataException.class,
                () -> RecordSchemas.sourceTable(ORDERS, null, row, false));
        assertTrue(refused.getMessage().contains("shop.orders.id"), refused.getMessage());
        assertTrue(refused.getMessage().contains("column.propagate.source.type=.*"), refused.getMessage());
    }
}
