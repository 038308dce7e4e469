package io.tandem.connectors.postgres.stream;

import io.tandem.connectors.postgres.stream.PgRowLayout.Placeholder;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns one batch of Debezium PostgreSQL records into tandem events, in order. Two kinds of record matter: row
 * changes (value is an {@code Envelope} with {@code op}) and transaction metadata ({@code <prefix>.transaction}, whose
 * END becomes a {@link TransactionEnd} at the commit LSN). Each change goes through, in this order:
 * <ol>
 * <li>{@link PgReplayGuard}: dropped if handed over before;</li>
 * <li>loop prevention: dropped and counted if its transaction carries a replication origin ({@code source.origin}),
 *     i.e. tandem's forward sink wrote it;</li>
 * <li>control tables: heartbeats and fence tokens ({@link PgControlRows});</li>
 * <li>the definition check: a relation not replicated, or whose columns differ, stops the source;</li>
 * <li>the mode: in {@link ReverseMode#SHADOW} a rogue write, reported and dropped; in {@link ReverseMode#APPLY} a
 *     {@link RowChange} or {@link TruncateTable}.</li>
 * </ol>
 * Consecutive transaction ends with nothing between them collapse into the last one: the position still advances,
 * without one empty MySQL transaction per PostgreSQL transaction.
 */
final class PgRecordDecoder {

    private final String transactionTopic;
    private final PublishedTables tables;
    private final String controlSchema;
    private final PgControlRows controlRows;
    private final PgReplayGuard replayGuard;
    private final Placeholder placeholder;
    private final Supplier<ReverseMode> mode;
    private final RogueWriteListener rogueWrites;
    private final Map<TargetTable, PgRowLayout> layouts = new IdentityHashMap<>();
    /** Per table, the last row schema found to match its definition; Debezium builds a new one on every change. */
    private final Map<TargetTable, Schema> checkedSchemas = new IdentityHashMap<>();
    private final AtomicLong forwardFiltered = new AtomicLong();
    private final AtomicLong rogueCount = new AtomicLong();

    PgRecordDecoder(ReverseSourceSettings settings, PublishedTables tables, PgReplayGuard replayGuard,
                    Placeholder placeholder, Supplier<ReverseMode> mode, RogueWriteListener rogueWrites) {
        this.transactionTopic = settings.logicalName() + ".transaction";
        this.tables = tables;
        this.controlSchema = settings.controlSchema();
        this.controlRows = new PgControlRows(settings.instanceName());
        this.replayGuard = replayGuard;
        this.placeholder = placeholder;
        this.mode = mode;
        this.rogueWrites = rogueWrites;
    }

    List<ChangeEvent> decode(List<SourceRecord> records) {
        List<ChangeEvent> events = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            if (!(record.value() instanceof Struct value)) {
                continue;
            }
            if (transactionTopic.equals(record.topic())) {
                if ("END".equals(value.getString("status")) && !replayGuard.commitRepeats(record.sourceOffset())) {
                    TransactionEnd.appendCollapsing(events, new TransactionEnd(value.getString("id"),
                            WalPositions.ofCommit(record.sourcePartition(), record.sourceOffset())));
                }
            } else if (value.schema().field("op") != null && !replayGuard.changeRepeats(record.sourceOffset())) {
                decodeChange(record, value, events);
            }
            // Anything else (BEGIN, heartbeats) carries no change.
        }
        return events;
    }

    String placeholderText() {
        return placeholder.text();
    }

    /** Changes dropped because tandem's forward sink wrote them (their transaction had a replication origin). */
    long forwardEventsFiltered() {
        return forwardFiltered.get();
    }

    /** Row changes and truncates of replicated tables seen in shadow mode. */
    long rogueWrites() {
        return rogueCount.get();
    }

    private void decodeChange(SourceRecord record, Struct value, List<ChangeEvent> events) {
        Struct source = value.getStruct("source");
        if (hasOrigin(source)) {
            forwardFiltered.incrementAndGet();
            return;
        }
        String schema = source.getString("schema");
        String name = source.getString("table");
        String op = value.getString("op");
        SourcePosition position = WalPositions.ofChange(record.sourcePartition(), record.sourceOffset());
        if (controlSchema.equals(schema)) {
            controlRows.decode(name, op, value, position, events);
            return;
        }
        TargetTable table = tables.get(schema, name);
        if (table == null) {
            throw new SchemaChangedException(schema + "." + name, "it is in the publication but tandem does not "
                    + "replicate it (at " + position + ")");
        }
        if ("t".equals(op)) {
            if (passes(table, "truncate", position)) {
                events.add(new TruncateTable(table, position));
            }
            return;
        }
        Schema rowSchema = value.schema().field("after").schema();
        if (checkedSchemas.get(table) != rowSchema) {
            try {
                PgRowLayout.check(table, rowSchema);
            } catch (SchemaChangedException e) {
                throw e.at(position);
            }
            checkedSchemas.put(table, rowSchema);
        }
        RowChange.Op rowOp = switch (op) {
            case "c" -> RowChange.Op.INSERT;
            case "u" -> RowChange.Op.UPDATE;
            case "d" -> RowChange.Op.DELETE;
            default -> throw new IllegalStateException("Debezium operation '" + op + "' on " + table.displayName()
                    + " at " + position + "; the connector must only stream (snapshot.mode=no_data)");
        };
        if (passes(table, rowOp.name().toLowerCase(Locale.ROOT), position)) {
            events.add(rowChange(rowOp, table, value, rowSchema, position));
        }
    }

    private static boolean hasOrigin(Struct source) {
        Field field = source.schema().field("origin");
        String origin = field == null ? null : source.getString("origin");
        return origin != null && !origin.isEmpty();
    }

    /** In shadow mode a change of a replicated table is a rogue write: reported without its values, not passed. */
    private boolean passes(TargetTable table, String operation, SourcePosition position) {
        if (mode.get() == ReverseMode.APPLY) {
            return true;
        }
        rogueCount.incrementAndGet();
        long lsn = WalPositions.number(position.offset(), WalPositions.LSN, 0);
        rogueWrites.onRogueWrite(new RogueWrite(table.displayName(), operation, WalPositions.text(lsn),
                position.sourceTime()));
        return false;
    }

    private RowChange rowChange(RowChange.Op op, TargetTable table, Struct value, Schema rowSchema,
                                SourcePosition position) {
        PgRowLayout layout = layouts.get(table);
        if (layout == null || !layout.fits(table, rowSchema)) {
            layout = PgRowLayout.of(table, rowSchema);
            layouts.put(table, layout);
        }
        Struct before = value.getStruct("before");
        Struct after = value.getStruct("after");
        try {
            String[] beforeRow = op == RowChange.Op.INSERT ? null
                    : layout.render(image(before, "before", table), null, placeholder);
            String[] afterRow = op == RowChange.Op.DELETE ? null
                    : layout.render(image(after, "after", table), before, placeholder);
            return new RowChange(op, table, beforeRow, afterRow, position);
        } catch (RuntimeException e) {
            throw new IllegalStateException("row " + op.name().toLowerCase(Locale.ROOT) + " of " + table.displayName()
                    + " at " + position + ": " + e.getMessage(), e);
        }
    }

    private static Struct image(Struct row, String image, TargetTable table) {
        if (row == null) {
            throw new IllegalStateException("Debezium sent no '" + image + "' image for " + table.displayName()
                    + "; the table needs REPLICA IDENTITY FULL");
        }
        return row;
    }
}
