package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.debezium.relational.Column;
import io.debezium.relational.Table;
import io.debezium.relational.history.ConnectTableChangeSerializer;
import io.debezium.relational.history.TableChanges;
import io.debezium.schema.SchemaNameAdjuster;
import io.tandem.connectors.mysql.jdbc.Flavor;
import io.tandem.engine.change.CreateTable;
import io.tandem.engine.change.DropTable;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.config.DdlConfig.UnsupportedDdlPolicy;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.ValuePolicies;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Records as Debezium writes them, decoded without a server: names Debezium's own table ids cannot carry, and what a
 * failure says and keeps.
 */
class RecordDecoderFailureTest {

    private static final String PREFIX = "tandem_unit";
    private static final ConnectTableChangeSerializer CHANGES = new ConnectTableChangeSerializer(SchemaNameAdjuster.NO_OP);
    private static final Schema SOURCE = SchemaBuilder.struct().field("connector", Schema.OPTIONAL_STRING_SCHEMA)
            .field("file", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA)
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("gtid", Schema.OPTIONAL_STRING_SCHEMA).field("db", Schema.OPTIONAL_STRING_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema SCHEMA_CHANGE = SchemaBuilder.struct().field("source", SOURCE)
            .field("databaseName", Schema.OPTIONAL_STRING_SCHEMA).field("ddl", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tableChanges", SchemaBuilder.array(CHANGES.getChangeSchema()).build()).build();
    private static final Schema TRANSACTION = SchemaBuilder.struct().field("status", Schema.STRING_SCHEMA)
            .field("id", Schema.STRING_SCHEMA).build();

    private final RecordDecoder decoder = decoder(
            new ReplicatedTables(Map.of(), id -> id.database().equals("shop"), new MySqlTableMapper()));

    /** The name that killed the binlog reader with "Unexpected input: a" from Debezium's TableId.parse. */
    @Test
    void aTableCreatedWithDoubleQuotesInItsNameIsCreatedUnderItsExactName() {
        for (String name : List.of("\"N\"ame", "\"q", "x\"", "\"x\"", "a\"\"b")) {
            String ddl = "CREATE TABLE `" + name + "` (id INT PRIMARY KEY)";
            RecordDecoder.DecodedBatch batch = freshDecoder().decode(List.of(createTable(ddl, name, "INT", 500)));
            assertNull(batch.failure(), name);
            CreateTable create = assertInstanceOf(CreateTable.class, batch.events().get(0), name);
            assertEquals(new TableId("shop", name), create.table().source(), name);
        }
    }

    /** Debezium writes a DROP TABLE per table itself, leaving a name that ends with a backtick unquoted. */
    @Test
    void aDropWhoseTextDebeziumQuotedWronglyDropsTheTable() {
        TableId id = new TableId("shop", "x`");
        TargetTable known = new MySqlTableMapper().map(new SourceTable(id, List.of(new SourceColumn("id", "int(11)",
                false, null, false, SourceColumn.Generated.NO, null, null, List.of())), List.of("id"), List.of()));
        RecordDecoder decoder = decoder(new ReplicatedTables(Map.of(id, known), t -> true, new MySqlTableMapper()));
        RecordDecoder.DecodedBatch batch = decoder.decode(List.of(dropTable("DROP TABLE `shop`.x`", "x`", 600)));
        assertNull(batch.failure());
        assertEquals(id, assertInstanceOf(DropTable.class, batch.events().get(0)).table().source());
    }

    @Test
    void aFailureNamesTableStatementPositionAndCauseAndKeepsWhatCameBefore() {
        String ddl = "CREATE TABLE `odd` (id INT PRIMARY KEY)";
        RecordDecoder.DecodedBatch batch = decoder.decode(List.of(transactionEnd(400),
                createTable(ddl, "odd", "NOSUCHTYPE", 500)));

        assertEquals(1, batch.events().size(), "the transaction before the failing record is kept");
        assertInstanceOf(TransactionEnd.class, batch.events().get(0));
        ChangeDecodingException failure = assertInstanceOf(ChangeDecodingException.class, batch.failure());
        String message = failure.getMessage();
        assertTrue(message.startsWith("cannot decode the schema change of table shop.odd at binlog position "
                + "mysql-bin.000001:500 (statement: " + ddl + "): table shop.odd: column id has type nosuchtype"), message);
    }

    @Test
    void aForeignCauseKeepsItsTypeInTheMessage() {
        SourcePosition at = new SourcePosition(Map.of(), Map.of(), "mysql-bin.000002:4");
        assertEquals("cannot decode the row change of table shop.t at binlog position mysql-bin.000002:4: "
                        + "IllegalArgumentException: Unexpected input: N",
                new ChangeDecodingException(new TableId("shop", "t"), null, at,
                        new IllegalArgumentException("Unexpected input: N")).getMessage());
    }

    private RecordDecoder freshDecoder() {
        return decoder(new ReplicatedTables(Map.of(), id -> true, new MySqlTableMapper()));
    }

    /** A decoder without resyncs, failing on what it cannot translate. */
    private static RecordDecoder decoder(ReplicatedTables tables) {
        SnapshotSkip skip = new SnapshotSkip(Map.of());
        return new RecordDecoder(PREFIX, tables, skip, new ResyncGate(null, tables, skip), new ReplayGuard(null),
                UnsupportedDdlPolicy.FAIL, Flavor.MARIADB, ValuePolicies.DEFAULTS, null);
    }

    private static SourceRecord transactionEnd(long pos) {
        Struct value = new Struct(TRANSACTION).put("status", "END").put("id", "0-1-" + pos);
        return new SourceRecord(StreamStart.partition(PREFIX), offset(pos), PREFIX + ".transaction", TRANSACTION, value);
    }

    /** A live CREATE TABLE record whose one column has the type Debezium parsed. */
    private static SourceRecord createTable(String ddl, String table, String columnType, long pos) {
        Table created = Table.editor().tableId(new io.debezium.relational.TableId("shop", null, table))
                .addColumn(Column.editor().name("id").type(columnType).jdbcType(Types.INTEGER).position(1)
                        .optional(false).create())
                .setPrimaryKeyNames("id").create();
        Struct source = new Struct(SOURCE).put("connector", "mariadb").put("file", "mysql-bin.000001").put("pos", pos)
                .put("snapshot", "false").put("db", "shop").put("table", table);
        Struct value = new Struct(SCHEMA_CHANGE).put("source", source).put("databaseName", "shop").put("ddl", ddl)
                .put("tableChanges", List.of(CHANGES.toStruct(
                        new TableChanges.TableChange(TableChanges.TableChangeType.CREATE, created))));
        return new SourceRecord(StreamStart.partition(PREFIX), offset(pos), PREFIX, SCHEMA_CHANGE, value);
    }

    private static SourceRecord dropTable(String ddl, String table, long pos) {
        Struct source = new Struct(SOURCE).put("connector", "mariadb").put("file", "mysql-bin.000001").put("pos", pos)
                .put("snapshot", "false").put("db", "shop").put("table", table);
        Table dropped = Table.editor().tableId(new io.debezium.relational.TableId("shop", null, table))
                .addColumn(Column.editor().name("id").type("INT").jdbcType(Types.INTEGER).position(1).create()).create();
        Struct value = new Struct(SCHEMA_CHANGE).put("source", source).put("databaseName", "shop").put("ddl", ddl)
                .put("tableChanges", List.of(CHANGES.toStruct(
                        new TableChanges.TableChange(TableChanges.TableChangeType.DROP, dropped))));
        return new SourceRecord(StreamStart.partition(PREFIX), offset(pos), PREFIX, SCHEMA_CHANGE, value);
    }

    private static Map<String, ?> offset(long pos) {
        return Map.of("file", "mysql-bin.000001", "pos", pos, "event", 1L);
    }
}
