package io.tandem.connect.record;

import io.tandem.connectors.mysql.stream.RowLayout;
import io.tandem.connectors.mysql.stream.StreamRejections;
import io.tandem.connectors.mysql.stream.ValueDecodingException;
import io.tandem.connectors.mysql.stream.ValueRenderers;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.StreamPoint;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.PolicyFailure;
import io.tandem.engine.values.RowPolicies;
import io.tandem.engine.values.ValuePolicies;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the records of one {@code put} into tandem events: Debezium's change-event envelope ({@code op},
 * {@code before}, {@code after}, {@code source}) from the MySQL or MariaDB connector, rendered with the daemon's
 * {@link RowLayout} and value policies. Snapshot reads ({@code op = r}) are upserts like inserts, so a snapshot
 * Debezium repeats after its own restart overwrites rather than doubles keyed rows. Records before a partition's
 * applied offset are skipped (PostgreSQL, not the consumer group, says what is applied), and so are row changes the
 * source connector sent twice ({@link SourceEvents}).
 *
 * <p>Records that are not row changes (the schema-change and transaction topics, heartbeats, tombstones) carry
 * nothing to apply; their offsets still move, so a topic pattern that includes them does no harm.
 */
public final class ChangeRecords {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeRecords.class);

    private final SinkTables tables;
    private final ValuePolicies valuePolicies;
    private final Map<TableId, RowLayout> layouts = new HashMap<>();
    private final Set<String> ignoredTopics = new HashSet<>();
    private final boolean skipRepeats;
    private long repeats;

    /**
     * A put's events and, per topic-partition it moved, the position after its last record.
     *
     * @param rows the row changes among the events
     */
    public record Decoded(List<ChangeEvent> events, Map<TopicPartition, SourcePosition> positions,
                          SinkTables.Batch tables, long rows) {
    }

    /** @param skipRepeats whether row changes the source connector sent again are skipped ({@link SourceEvents}) */
    public ChangeRecords(SinkTables tables, ValuePolicies valuePolicies, boolean skipRepeats) {
        this.tables = tables;
        this.valuePolicies = valuePolicies;
        this.skipRepeats = skipRepeats;
    }

    /**
     * @param applied per topic-partition, what PostgreSQL has applied from it
     * @throws DataException naming the record's table, topic-partition and offset when it cannot be applied
     */
    public Decoded decode(Collection<SinkRecord> records, Map<TopicPartition, TopicPositions.Progress> applied,
                          RefusedRecords refused) {
        SinkTables.Batch batch = tables.batch();
        List<ChangeEvent> events = new ArrayList<>(records.size());
        Map<TopicPartition, SourcePosition> positions = new LinkedHashMap<>();
        Map<TopicPartition, StreamPoint> lastEvents = new HashMap<>();
        long rows = 0;
        for (SinkRecord record : records) {
            TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
            long offset = record.originalKafkaOffset();
            TopicPositions.Progress progress = applied.get(partition);
            if (progress != null && offset < progress.nextOffset()) {
                continue; // redelivered by Kafka
            }
            StreamPoint lastEvent = lastEvents.containsKey(partition) ? lastEvents.get(partition)
                    : progress == null ? null : progress.lastEvent();
            Struct source = source(record);
            StreamPoint place = source == null ? null : SourceEvents.place(source);
            boolean repeated = skipRepeats && SourceEvents.repeated(place, lastEvent);
            if (place != null && !repeated) {
                lastEvent = place;
            }
            lastEvents.put(partition, lastEvent);
            SourcePosition position = TopicPositions.after(partition, offset, lastEvent, source == null ? null
                    : source.getString("file") + ":" + source.get("pos"));
            positions.put(partition, position);
            if (repeated) {
                repeats++;
                continue; // sent again by the source connector after its restart
            }
            if (source == null) {
                if (record.value() != null && ignoredTopics.add(record.topic())) {
                    LOG.info("Ignoring topic {}: its records are not Debezium row change events", record.topic());
                }
                continue;
            }
            int before = events.size();
            decode(record, (Struct) record.value(), source, position, batch, events, refused);
            rows += events.subList(before, events.size()).stream().filter(RowChange.class::isInstance).count();
        }
        return new Decoded(events, positions, batch, rows);
    }

    /** Row changes skipped because the source connector sent them again. */
    public long repeats() {
        return repeats;
    }

    /** Forgets cached row layouts: after a failed batch, whose table definitions are read again. */
    public void reset() {
        layouts.clear();
    }

    private void decode(SinkRecord record, Struct value, Struct source, SourcePosition position,
                        SinkTables.Batch batch, List<ChangeEvent> events, RefusedRecords refused) {
        TableId id = new TableId(source.getString("db"), source.getString("table"));
        String op = value.getString("op");
        if ("t".equals(op)) {
            TargetTable table = batch.current(id);
            if (table != null) {
                events.add(new TruncateTable(table, position));
            }
            return;
        }
        Schema rowSchema = value.schema().field("after").schema();
        boolean mariaDb = "mariadb".equals(source.getString("connector"));
        TargetTable table;
        try {
            table = batch.tableFor(id, record.keySchema(), rowSchema, mariaDb,
                    column -> backfill(id, column, rowSchema), position, events);
        } catch (RuntimeException e) {
            throw named(e, id, position);
        }
        RowChange.Op change = switch (op) {
            case "r", "c" -> RowChange.Op.INSERT;
            case "u" -> RowChange.Op.UPDATE;
            case "d" -> RowChange.Op.DELETE;
            default -> throw new DataException("unknown Debezium operation '" + op + "' on " + id + " at "
                    + position.description());
        };
        int first = events.size();
        try {
            rowChange(change, table, value, position, events);
        } catch (DataException e) {
            // A row the daemon would stop at: with Connect's errant-record reporter configured, it goes there.
            events.subList(first, events.size()).clear();
            refused.refuse(record, e);
        }
    }

    /** Where a row change that cannot be rendered goes. */
    @FunctionalInterface
    public interface RefusedRecords {

        /** Throws {@code failure} to stop the task, or reports the record and returns once it is stored. */
        void refuse(SinkRecord record, DataException failure);
    }

    /** The row change, preceded by what a value policy did to it, as the daemon's decoder does. */
    private void rowChange(RowChange.Op op, TargetTable table, Struct value, SourcePosition position,
                           List<ChangeEvent> events) {
        String[] before = op == RowChange.Op.INSERT ? null : row(table, value, "before", position);
        String[] after = op == RowChange.Op.DELETE ? null : row(table, value, "after", position);
        layouts.get(table.source()).appendChange(op, before, after, position, events);
    }

    private String[] row(TargetTable table, Struct value, String image, SourcePosition position) {
        Struct row = value.getStruct(image);
        if (row == null) {
            throw new DataException("table " + table.source() + " at " + position.description() + ": Debezium sent "
                    + "no '" + image + "' image; the source's binlog_row_image must be FULL");
        }
        RowLayout layout = layouts.get(table.source());
        try {
            if (layout == null || !layout.fits(table, row.schema())) {
                layout = RowLayout.of(table, row.schema(), valuePolicies);
                layouts.put(table.source(), layout);
            }
            return layout.render(row);
        } catch (PolicyFailure failure) {
            throw new DataException(StreamRejections.describe(table, row, position, failure).getMessage());
        } catch (ValueDecodingException | IllegalStateException e) {
            throw named(e, table.source(), position);
        }
    }

    /** What rows the source already had get in an added column: the default the record schema carries. */
    private String backfill(TableId table, TargetColumn column, Schema rowSchema) {
        Field field = rowSchema.field(column.sourceName());
        Object defaultValue = field == null ? null : field.schema().defaultValue();
        if (defaultValue == null) {
            return null;
        }
        RowPolicies policies = new RowPolicies(valuePolicies, Set.of());
        policies.startRow();
        String text = ValueRenderers.forColumn(table, column, field.schema(), policies).render(defaultValue);
        // A quoted literal of the column's text form, which PostgreSQL reads with the column's input function.
        return text == null ? null : "'" + text.replace("'", "''") + "'";
    }

    /** The envelope's {@code source} block, or null for a record that is no row change event. */
    private static Struct source(SinkRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null
                || value.schema().field("source") == null) {
            return null;
        }
        return value.getStruct("source");
    }

    private static DataException named(RuntimeException e, TableId table, SourcePosition position) {
        if (e instanceof DataException data && data.getMessage().startsWith("table ")) {
            return data;
        }
        return new DataException("table " + table + " at " + position.description() + ": " + e.getMessage(), e);
    }
}
