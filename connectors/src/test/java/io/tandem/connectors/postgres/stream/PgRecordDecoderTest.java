package io.tandem.connectors.postgres.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.postgres.stream.PgRowLayout.Placeholder;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.config.Secret;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The decoder on records shaped like Debezium's PostgreSQL connector's, for what a PostgreSQL 16+ server never
 * sends with {@code origin=none}: the client-side origin filter that older servers rely on.
 */
class PgRecordDecoderTest {

    private static final Schema ROW = SchemaBuilder.struct().name("x.app.items.Value")
            .field("id", Schema.INT32_SCHEMA).field("v", Schema.OPTIONAL_STRING_SCHEMA).optional().build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
            .field("txId", Schema.OPTIONAL_INT64_SCHEMA).field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .field("origin", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("x.app.items.Envelope")
            .field("before", ROW).field("after", ROW).field("source", SOURCE).field("op", Schema.STRING_SCHEMA).build();
    private static final Schema END = SchemaBuilder.struct().field("status", Schema.STRING_SCHEMA)
            .field("id", Schema.STRING_SCHEMA).build();

    private final TargetTable items = new TargetTable(new TableId("app", "items"), "app", "items",
            List.of(new TargetColumn("id", "id", "integer", ValueKind.INTEGER, false, null, false, true),
                    new TargetColumn("v", "v", "text", ValueKind.TEXT, true, null, false, true)),
            List.of("id"), List.of(), List.of());
    private final List<RogueWrite> rogue = new ArrayList<>();

    private PgRecordDecoder decoder(ReverseMode mode) {
        ReverseSourceSettings settings = new ReverseSourceSettings("x", "localhost", 5432, "db", "u", Secret.of("p"),
                "disable", Map.of(), "slot", "pub", "tandem", 10, 20, Duration.ofSeconds(1));
        return new PgRecordDecoder(settings, new PublishedTables(Map.of(items.source(), items)),
                new PgReplayGuard(null), Placeholder.of("__unchanged"), () -> mode, rogue::add);
    }

    /** @param previousCommit the last commit Debezium saw before this change, as its offsets carry it */
    private static SourceRecord insert(long txId, long lsn, String origin, long previousCommit) {
        Struct source = new Struct(SOURCE).put("schema", "app").put("table", "items").put("txId", txId)
                .put("lsn", lsn).put("origin", origin);
        Struct value = new Struct(ENVELOPE).put("op", "c").put("source", source)
                .put("after", new Struct(ROW).put("id", (int) lsn).put("v", "x"));
        return new SourceRecord(Map.of("server", "x-reverse"),
                Map.of("lsn", lsn, "txId", txId, "lsn_commit", previousCommit), "x-reverse.app.items", ENVELOPE, value);
    }

    private static SourceRecord end(long txId, long commit) {
        return new SourceRecord(Map.of("server", "x-reverse"),
                Map.of("lsn", commit, "txId", txId, "lsn_commit", commit, "messageType", "COMMIT"),
                "x-reverse.transaction", END, new Struct(END).put("status", "END").put("id", Long.toString(txId)));
    }

    @Test
    void changesOfATransactionWithAnOriginAreDroppedAndCounted() {
        PgRecordDecoder decoder = decoder(ReverseMode.APPLY);
        List<ChangeEvent> events = decoder.decode(List.of(insert(1, 20, "tandem_forward", 10),
                insert(1, 21, "tandem_forward", 10), end(1, 30),
                insert(2, 31, null, 30), insert(2, 32, "", 30), end(2, 40)));
        assertEquals(2, decoder.forwardEventsFiltered());
        assertEquals(4, events.size(), events::toString);
        // The forward transaction's end still passes: the committed position (and so the slot) moves past it.
        assertEquals("1", ((TransactionEnd) events.get(0)).transactionId());
        assertInstanceOf(RowChange.class, events.get(1));
        assertInstanceOf(RowChange.class, events.get(2));
        assertEquals("2", ((TransactionEnd) events.get(3)).transactionId());
    }

    @Test
    void originTaggedChangesAreNeitherPassedNorRogueInShadowMode() {
        PgRecordDecoder decoder = decoder(ReverseMode.SHADOW);
        decoder.decode(List.of(insert(1, 20, "tandem_forward", 10), end(1, 30), insert(2, 31, null, 30), end(2, 40)));
        assertEquals(1, decoder.forwardEventsFiltered());
        assertEquals(1, decoder.rogueWrites());
        assertEquals("app.items", rogue.get(0).relation());
        assertEquals("0/1F", rogue.get(0).lsn());
    }

    @Test
    void theToastPlaceholderIsNeverEmitted() {
        PgRecordDecoder decoder = decoder(ReverseMode.APPLY);
        Struct source = new Struct(SOURCE).put("schema", "app").put("table", "items").put("txId", 1L).put("lsn", 20L);
        Struct value = new Struct(ENVELOPE).put("op", "u").put("source", source)
                .put("before", new Struct(ROW).put("id", 1).put("v", "__unchanged"))
                .put("after", new Struct(ROW).put("id", 1).put("v", "__unchanged"));
        SourceRecord record = new SourceRecord(Map.of("server", "x-reverse"), Map.of("lsn", 20L, "txId", 1L),
                "x-reverse.app.items", ENVELOPE, value);
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> decoder.decode(List.of(record)));
        assertTrue(failure.getMessage().contains("app.items") && failure.getMessage().contains("column v"),
                failure.getMessage());
    }
}
