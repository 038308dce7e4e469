package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.jdbc.Flavor;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.config.DdlConfig.UnsupportedDdlPolicy;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.PolicyFailure;
import io.tandem.engine.values.ValuePolicies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one Debezium batch into tandem events, in order. Three kinds of record matter: row changes (value is an
 * {@code Envelope} with {@code op}), transaction metadata ({@code <prefix>.transaction}, status END becomes
 * {@link TransactionEnd}) and schema changes ({@code <prefix>}: live DDL through {@link SchemaChangeDecoder}, the
 * connector's schema snapshot through {@link SchemaSnapshotCheck}).
 *
 * <p>Transaction boundaries: TRUNCATE and DDL commit implicitly and the connector emits no END for them, so one
 * follows each of them here, at the same position. Consecutive ENDs with nothing between them in the same batch
 * (transactions of other databases, or wholly copied by the snapshot) collapse into the last one: the position
 * still advances, without one empty target transaction per source transaction.
 *
 * <p>Records Debezium repeats after a restart are dropped by {@link ReplayGuard}.
 *
 * <p>A record that cannot be decoded ends the batch: the events before it are returned with the failure, which
 * names the table, the statement (for DDL) and the binlog position.
 */
final class RecordDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(RecordDecoder.class);

    private final String schemaTopic;
    private final String transactionTopic;
    private final ReplicatedTables tables;
    private final SchemaChangeDecoder schemaChanges;
    private final SchemaSnapshotCheck schemaSnapshot;
    private final SnapshotSkip snapshotSkip;
    private final ResyncGate resyncs;
    private final UnsupportedDdlPolicy onUnsupportedDdl;
    private final ReplayGuard replayGuard;
    private final ValuePolicies valuePolicies;
    private final Map<TableId, RowLayout> layouts = new HashMap<>();
    private final Set<TableId> ignoredTables = new HashSet<>();
    private boolean streaming;
    /** The offset of the record being decoded, and how many records in a row (this one included) carried it. */
    private Map<String, ?> currentOffset;
    private int recordsAtOffset;
    /** The boundary after the last DDL record, held while more records of the same statement may follow. */
    private PendingEnd pendingStatementEnd;
    private final Flavor flavor;
    /** Null when no control database is captured. */
    private final String controlDatabase;
    private final ControlRows controlRows;

    private record PendingEnd(Struct source, SourcePosition position, Map<String, ?> offset, int records) {
    }

    /** @param controlDatabase tandem's control database, whose rows become control events; null for none */
    RecordDecoder(String topicPrefix, ReplicatedTables tables, SnapshotSkip snapshotSkip, ResyncGate resyncs,
                  ReplayGuard replayGuard, UnsupportedDdlPolicy onUnsupportedDdl, Flavor flavor,
                  ValuePolicies valuePolicies, String controlDatabase) {
        this.flavor = flavor;
        this.controlDatabase = controlDatabase;
        this.controlRows = new ControlRows(topicPrefix); // the topic prefix is the instance name
        this.schemaTopic = topicPrefix;
        this.transactionTopic = topicPrefix + ".transaction";
        this.tables = tables;
        this.schemaChanges = new SchemaChangeDecoder(tables, snapshotSkip, resyncs, onUnsupportedDdl);
        this.schemaSnapshot = new SchemaSnapshotCheck(tables, resyncs, onUnsupportedDdl);
        this.snapshotSkip = snapshotSkip;
        this.resyncs = resyncs;
        this.onUnsupportedDdl = onUnsupportedDdl;
        this.replayGuard = replayGuard;
        this.valuePolicies = valuePolicies;
    }

    /**
     * The events of a batch, in order; when a record cannot be decoded, the events before it and the failure.
     *
     * @param failure null when the whole batch was decoded
     */
    record DecodedBatch(List<ChangeEvent> events, RuntimeException failure) {
    }

    DecodedBatch decode(List<SourceRecord> records) {
        List<ChangeEvent> events = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            if (record.value() instanceof Struct value) {
                if (!streaming && !(schemaTopic.equals(record.topic()) && isSnapshot(value.getStruct("source")))) {
                    streaming = true;
                }
                recordsAtOffset = record.sourceOffset().equals(currentOffset) ? recordsAtOffset + 1 : 1;
                currentOffset = record.sourceOffset();
                if (pendingStatementEnd != null && !pendingStatementEnd.offset().equals(currentOffset)) {
                    endStatement(events);
                }
                try {
                    decode(record, value, events);
                } catch (RuntimeException e) {
                    // The statement of a pending boundary that shares this record's offset is not complete: its
                    // events stay without an end, so the sink does not commit them.
                    return new DecodedBatch(events, named(e, record, value));
                }
            }
        }
        if (pendingStatementEnd != null && !schemaChanges.statementContinues()) {
            // Waiting for more records of the statement would hold a DDL back until the next change on the source.
            // A swap's records are always waited for (a table is under a temporary name); other multi-table
            // renames are committed pair by pair if Debezium hands them over in two batches.
            endStatement(events);
        }
        return new DecodedBatch(events, null);
    }

    /**
     * The failure naming the record's table, statement and position, unless it names them already: a refused
     * schema change, a refused value, or a decoding failure built with them.
     */
    private RuntimeException named(RuntimeException failure, SourceRecord record, Struct value) {
        if (failure instanceof UnsupportedSchemaChangeException || failure instanceof ValueDecodingException
                || failure instanceof ChangeDecodingException) {
            return failure;
        }
        Struct source = value.schema().field("source") == null ? null : value.getStruct("source");
        boolean schemaChange = schemaTopic.equals(record.topic());
        TableId table = !schemaChange && source != null && source.getString("table") != null
                ? new TableId(source.getString("db"), source.getString("table")) : null;
        String statement = schemaChange ? value.getString("ddl") : null;
        return new ChangeDecodingException(table, statement, position(record, source), failure);
    }

    /** Whether the connector has passed its schema snapshot and streams the binlog. */
    boolean streaming() {
        return streaming;
    }

    private void decode(SourceRecord record, Struct value, List<ChangeEvent> events) {
        int first = events.size();
        if (streaming) {
            resyncs.finishReady();
        }
        route(record, value, events);
        resyncs.insertFinished(events, first, () -> position(record,
                value.schema().field("source") == null ? null : value.getStruct("source")));
    }

    private void route(SourceRecord record, Struct value, List<ChangeEvent> events) {
        String topic = record.topic();
        if (transactionTopic.equals(topic)) {
            // BEGIN carries nothing; END marks a boundary unless it is a repeat.
            if ("END".equals(value.getString("status")) && !replayGuard.repeats(record.sourceOffset())) {
                TransactionEnd.appendCollapsing(events,
                        new TransactionEnd(value.getString("id"), position(record, null)));
            }
        } else if (schemaTopic.equals(topic)) {
            decodeSchemaChange(record, value, events);
        } else if (value.schema().field("op") != null && !replayGuard.repeats(record.sourceOffset())) {
            decodeRowChange(record, value, events);
        }
        // Anything else (heartbeats) carries no change.
    }

    private void decodeSchemaChange(SourceRecord record, Struct value, List<ChangeEvent> events) {
        Struct source = value.getStruct("source");
        boolean snapshot = isSnapshot(source);
        // Schema-snapshot records carry the stored offset too; they are checks, and each start repeats them.
        if (!snapshot && replayGuard.repeats(record.sourceOffset())) {
            return;
        }
        SourcePosition position = position(record, source);
        SchemaChangeRecord schemaChange = SchemaChangeRecord.of(value);
        if (snapshot) {
            schemaSnapshot.check(schemaChange, position);
            return;
        }
        List<ChangeEvent> changes = schemaChanges.decode(schemaChange, position, eventStart(source));
        if (!changes.isEmpty()) {
            events.addAll(changes);
            // The boundary waits for the statement's other records (the pairs of a multi-table RENAME share its
            // offset), so the target commits the statement as a whole, like the source: never a table under the
            // temporary name of a swap.
            pendingStatementEnd = new PendingEnd(source, position, record.sourceOffset(), recordsAtOffset);
        }
    }

    private void decodeRowChange(SourceRecord record, Struct value, List<ChangeEvent> events) {
        String op = value.getString("op");
        Struct source = value.getStruct("source");
        TableId id = new TableId(source.getString("db"), source.getString("table"));
        if (id.database().equals(controlDatabase)) {
            // tandem's own rows: never a replicated table, never snapshotted, never created on the target.
            controlRows.decode(id.table(), op, value, position(record, source), events);
            return;
        }
        if ("r".equals(op)) {
            throw new IllegalStateException("snapshot read of " + id + " from Debezium; tandem copies tables itself, "
                    + "so the connector must only stream (snapshot.mode recovery or no_data)");
        }
        // First: a copy of the table may hold this change, or be swapped in before it (which changes the table).
        if (snapshotSkip.alreadyCopied(id, eventStart(source))) {
            return;
        }
        TargetTable table = tables.get(id);
        if (table == null) {
            if (tables.wanted(id)) {
                SourcePosition position = position(record, source);
                if (onUnsupportedDdl != UnsupportedDdlPolicy.RESYNC) {
                    throw tables.notCopied(id, position);
                }
                // Its earlier rows are not on the target (it took a replicated name, or appeared while the
                // snapshot ran): a copy brings them, this change included.
                resyncs.request(id, "changes of " + id + " arrived at " + position + ", but it was never copied");
                return;
            }
            if (ignoredTables.add(id)) {
                LOG.info("Ignoring changes of {}: not a replicated table", id);
            }
            return;
        }
        SourcePosition position = position(record, source);
        switch (op) {
            case "c" -> rowChange(RowChange.Op.INSERT, table, value, position, events);
            case "u" -> rowChange(RowChange.Op.UPDATE, table, value, position, events);
            case "d" -> rowChange(RowChange.Op.DELETE, table, value, position, events);
            case "t" -> {
                events.add(new TruncateTable(table, position));
                TransactionEnd.appendCollapsing(events, implicitCommit(source, position));
            }
            default -> throw new IllegalStateException("unknown Debezium operation '" + op + "' on " + id + " at " + position);
        }
    }

    /** The row change, preceded by what a value policy did to it ({@link RowLayout#appendChange}). */
    private void rowChange(RowChange.Op op, TargetTable table, Struct value, SourcePosition position,
                           List<ChangeEvent> events) {
        String[] before = op == RowChange.Op.INSERT ? null : row(table, value, "before", position);
        String[] after = op == RowChange.Op.DELETE ? null : row(table, value, "after", position);
        layouts.get(table.source()).appendChange(op, before, after, position, events);
    }

    private String[] row(TargetTable table, Struct value, String image, SourcePosition position) {
        Schema rowSchema = value.schema().field(image).schema();
        RowLayout layout = layouts.get(table.source());
        if (layout == null || !layout.fits(table, rowSchema)) {
            layout = RowLayout.of(table, rowSchema, valuePolicies);
            layouts.put(table.source(), layout);
        }
        Struct row = value.getStruct(image);
        if (row == null) {
            throw new IllegalStateException("table " + table.source() + ": Debezium sent no '" + image + "' image; "
                    + "binlog_row_image must be FULL");
        }
        try {
            return layout.render(row);
        } catch (PolicyFailure failure) {
            throw StreamRejections.describe(table, row, position, failure);
        } catch (ValueDecodingException e) {
            throw new ChangeDecodingException(table.source(), null, position, e);
        }
    }

    /**
     * Marks the end of the pending statement. When several records shared its offset, resuming at that offset
     * would make Debezium read the statement again and apply it to its schema a second time (its history replay
     * already includes it): a swap would be swapped back, and later rows decoded with the other table's columns.
     * So that boundary resumes after the statement: its transaction counted among the completed GTIDs.
     */
    private void endStatement(List<ChangeEvent> events) {
        PendingEnd pending = pendingStatementEnd;
        pendingStatementEnd = null;
        SourcePosition position = pending.position();
        Object gtids = position.offset().get(StreamStart.GTIDS);
        Object transaction = position.offset().get(StreamStart.TRANSACTION_ID);
        if (pending.records() > 1 && gtids != null && transaction != null) {
            Map<String, Object> offset = new HashMap<>(position.offset());
            offset.keySet().removeAll(List.of(StreamStart.EVENT, StreamStart.ROW, StreamStart.TRANSACTION_ID,
                    StreamStart.RECORDS_AT_OFFSET));
            offset.put(StreamStart.GTIDS, CompletedGtids.with(flavor, gtids.toString(), transaction.toString()));
            position = position.withOffset(offset);
        }
        TransactionEnd.appendCollapsing(events, implicitCommit(pending.source(), position));
    }

    private static TransactionEnd implicitCommit(Struct source, SourcePosition position) {
        String gtid = source.getString("gtid");
        String id = gtid != null ? gtid : "file=" + source.getString("file") + ",pos=" + source.getInt64("pos");
        return new TransactionEnd(id, position);
    }

    private static boolean isSnapshot(Struct source) {
        String snapshot = source.getString("snapshot");
        return snapshot != null && !"false".equals(snapshot);
    }

    private static BinlogPosition eventStart(Struct source) {
        return new BinlogPosition(source.getString("file"), source.getInt64("pos"));
    }

    /** The record's partition and offset verbatim; the description names the event ({@code source}) if known. */
    private SourcePosition position(SourceRecord record, Struct source) {
        Map<String, Object> offset = new HashMap<>();
        record.sourceOffset().forEach((key, value) -> {
            if (value != null) {
                offset.put(key, value);
            }
        });
        if (recordsAtOffset > 1) {
            // Resuming from here, Debezium emits every record at this offset again; all of these were handled.
            offset.put(StreamStart.RECORDS_AT_OFFSET, recordsAtOffset);
        }
        String description = source != null
                ? source.getString("file") + ":" + source.getInt64("pos")
                : offset.get(StreamStart.FILE) + ":" + offset.get(StreamStart.POS);
        Instant sourceTime = source != null && source.getInt64("ts_ms") != null
                ? Instant.ofEpochMilli(source.getInt64("ts_ms")) : null;
        return new SourcePosition(record.sourcePartition(), offset, description,
                BinlogPosition.streamPointOf(offset), sourceTime);
    }

    long skippedBySnapshot() {
        return snapshotSkip.skipped();
    }
}
