package io.tandem.connect.record;

import static io.tandem.connect.record.TypedFields.typed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.CreateTable;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.transform.NameCase;
import io.tandem.engine.transform.SpatialTarget;
import io.tandem.engine.values.ValuePolicies;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** Debezium envelopes built by hand, decoded without servers: what becomes an event and what only moves on. */
class ChangeRecordsTest {

    private static final String TOPIC = "shop.shop.orders";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final Schema KEY = SchemaBuilder.struct().field("id", typed(SchemaBuilder.int32(), "INT", "11", null))
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct()
            .field("connector", Schema.STRING_SCHEMA).field("db", Schema.STRING_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA).field("snapshot", Schema.OPTIONAL_STRING_SCHEMA)
            .field("file", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA)
            .field("row", Schema.OPTIONAL_INT32_SCHEMA).build();

    private final Map<TopicPartition, TopicPositions.Progress> applied = new HashMap<>();
    private final List<SinkRecord> refused = new ArrayList<>();

    @Test
    void aNewTableIsCreatedBeforeItsFirstRowAndSnapshotReadsAreInserts() {
        ChangeRecords.Decoded decoded = records(true).decode(List.of(
                record(0, "r", null, row(1, "9.99"), "true", 100, 0),
                record(1, "c", null, row(2, "1.50"), "false", 200, 0)), applied, this::report);

        assertInstanceOf(CreateTable.class, decoded.events().get(0));
        assertEquals(List.of(RowChange.Op.INSERT, RowChange.Op.INSERT), ops(decoded.events()));
        assertEquals("9.99", ((RowChange) decoded.events().get(1)).after()[1]);
        assertEquals(2, decoded.rows());
        assertEquals(new TopicPositions.Progress(2, SourceEvents.place(source("false", 200, 0))),
                TopicPositions.progress(decoded.positions().get(PARTITION).offset()));
    }

    @Test
    void recordsBeforeTheAppliedOffsetAndRowChangesSentAgainAreSkippedWhileTheOffsetMoves() {
        ChangeRecords records = records(true);
        ChangeRecords.Decoded first = records.decode(List.of(
                record(0, "c", null, row(1, "1.00"), "false", 100, 0),
                record(1, "c", null, row(2, "2.00"), "false", 100, 1)), applied, this::report);
        first.tables().committed();
        applied.put(PARTITION, TopicPositions.progress(first.positions().get(PARTITION).offset()));

        // Kafka delivers offset 1 again; the restarted source connector sends the row at 100/1 again as offset 2.
        ChangeRecords.Decoded second = records.decode(List.of(
                record(1, "c", null, row(2, "2.00"), "false", 100, 1),
                record(2, "c", null, row(2, "2.00"), "false", 100, 1),
                record(3, "u", row(2, "2.00"), row(2, "3.00"), "false", 300, 0)), applied, this::report);

        assertEquals(List.of(RowChange.Op.UPDATE), ops(second.events()));
        assertEquals(1, records.repeats());
        assertEquals(4, TopicPositions.progress(second.positions().get(PARTITION).offset()).nextOffset());
    }

    @Test
    void withRepeatsAppliedARowChangeSentAgainIsAppliedAgain() {
        ChangeRecords records = records(false);
        applied.put(PARTITION, new TopicPositions.Progress(5, SourceEvents.place(source("false", 100, 1))));
        ChangeRecords.Decoded decoded = records.decode(List.of(record(5, "c", null, row(2, "2.00"), "false", 100, 1)),
                applied, this::report);
        assertEquals(List.of(RowChange.Op.INSERT), ops(decoded.events()));
    }

    @Test
    void aTruncateOfAKnownTableTruncatesItAndOtherRecordsOnlyMoveTheOffset() {
        ChangeRecords records = records(true);
        Struct truncate = new Struct(envelope()).put("op", "t").put("source", source("false", 400, 0));
        ChangeRecords.Decoded decoded = records.decode(List.of(
                record(0, "c", null, row(1, "1.00"), "false", 100, 0),
                new SinkRecord(TOPIC, 0, null, null, envelope(), truncate, 1),
                new SinkRecord(TOPIC, 0, null, null, null, null, 2)), applied, this::report);
        assertInstanceOf(TruncateTable.class, decoded.events().get(decoded.events().size() - 1));
        assertEquals(3, TopicPositions.progress(decoded.positions().get(PARTITION).offset()).nextOffset());
    }

    @Test
    void aValueWithoutAnExactRenderingGoesToTheReporterOrStopsTheTask() {
        Schema doubles = SchemaBuilder.struct().field("id", typed(SchemaBuilder.int32(), "INT", "11", null))
                .field("total", typed(SchemaBuilder.float64().optional(), "DECIMAL", "10", "2")).optional().build();
        Schema value = envelope(doubles);
        Struct after = new Struct(doubles).put("id", 1).put("total", 9.99);
        SinkRecord record = new SinkRecord(TOPIC, 0, KEY, new Struct(KEY).put("id", 1), value,
                new Struct(value).put("op", "c").put("after", after).put("source", source("false", 100, 0)), 0);

        ChangeRecords.Decoded decoded = records(true).decode(List.of(record), applied, this::report);
        assertEquals(List.of(record), refused);
        assertTrue(decoded.events().stream().noneMatch(RowChange.class::isInstance), "the row is not applied");
        assertEquals(1, TopicPositions.progress(decoded.positions().get(PARTITION).offset()).nextOffset());

        DataException stopped = assertThrows(DataException.class, () -> records(true).decode(List.of(record),
                new HashMap<>(), (r, failure) -> {
                    throw failure;
                }));
        assertTrue(stopped.getMessage().contains("shop.orders") && stopped.getMessage().contains("FLOAT64"),
                stopped.getMessage());
    }

    private void report(SinkRecord record, DataException failure) {
        refused.add(record);
    }

    private static ChangeRecords records(boolean skipRepeats) {
        SinkTables tables = new SinkTables(Map::of, NameCase.LOWER, SpatialTarget.BYTEA);
        return new ChangeRecords(tables, ValuePolicies.DEFAULTS, skipRepeats);
    }

    private static Schema rowSchema() {
        return SchemaBuilder.struct().field("id", typed(SchemaBuilder.int32(), "INT", "11", null))
                .field("total", typed(Decimal.builder(2).optional(), "DECIMAL", "10", "2")).optional().build();
    }

    private static Schema envelope() {
        return envelope(rowSchema());
    }

    private static Schema envelope(Schema row) {
        return SchemaBuilder.struct().field("before", row).field("after", row).field("source", SOURCE)
                .field("op", Schema.STRING_SCHEMA).build();
    }

    private static Struct row(int id, String total) {
        return new Struct(rowSchema()).put("id", id).put("total", new BigDecimal(total));
    }

    private static SinkRecord record(long offset, String op, Struct before, Struct after, String snapshot, long pos,
                                     int row) {
        Struct value = new Struct(envelope()).put("op", op).put("before", before).put("after", after)
                .put("source", source(snapshot, pos, row));
        Struct image = after != null ? after : before;
        return new SinkRecord(TOPIC, 0, KEY, new Struct(KEY).put("id", image.get("id")), envelope(), value, offset);
    }

    private static Struct source(String snapshot, long pos, int row) {
        return new Struct(SOURCE).put("connector", "mariadb").put("db", "shop").put("table", "orders")
                .put("snapshot", snapshot).put("file", "mysql-bin.000001").put("pos", pos).put("row", row);
    }

    private static List<RowChange.Op> ops(List<ChangeEvent> events) {
        return events.stream().filter(RowChange.class::isInstance).map(e -> ((RowChange) e).op()).toList();
    }
}
