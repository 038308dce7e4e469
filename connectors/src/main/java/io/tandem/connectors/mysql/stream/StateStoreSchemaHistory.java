package io.tandem.connectors.mysql.stream;

import io.debezium.config.Configuration;
import io.debezium.document.Array;
import io.debezium.document.Document;
import io.debezium.document.DocumentReader;
import io.debezium.document.DocumentWriter;
import io.debezium.relational.history.AbstractSchemaHistory;
import io.debezium.relational.history.HistoryRecord;
import io.debezium.relational.history.HistoryRecordComparator;
import io.debezium.relational.history.SchemaHistoryException;
import io.debezium.relational.history.SchemaHistoryListener;
import io.debezium.relational.history.TableChanges;
import io.tandem.connectors.debezium.StoreRegistry;
import io.tandem.engine.sink.StateStore;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Debezium's schema history kept in the tandem {@link StateStore}, one JSON document per {@link HistoryRecord}, in
 * append order. Debezium replays it on start up to the stored offset (records after it are skipped and re-read from
 * the binlog), so records written ahead of the sink's position are harmless. Instantiated reflectively from
 * {@code schema.history.internal}; the store comes from {@link StoreRegistry}.
 */
public class StateStoreSchemaHistory extends AbstractSchemaHistory {

    /** Where the registry id is in the connector configuration. */
    public static final String ID_CONFIG = CONFIGURATION_FIELD_PREFIX_STRING + StoreRegistry.ID_SUFFIX;

    private static final String SNAPSHOT_KEY = "snapshot";

    private final DocumentWriter writer = DocumentWriter.defaultWriter();
    private final DocumentReader reader = DocumentReader.defaultReader();
    private StateStore store;

    @Override
    public void configure(Configuration config, HistoryRecordComparator comparator, SchemaHistoryListener listener,
                          boolean useCatalogBeforeSchema) {
        super.configure(config, comparator, listener, useCatalogBeforeSchema);
        store = StoreRegistry.lookup(config.getString(ID_CONFIG), StateStore.class);
    }

    @Override
    protected void storeRecord(HistoryRecord record) throws SchemaHistoryException {
        try {
            store.appendSchemaHistory(writer.write(record.document()));
        } catch (IOException e) {
            throw new SchemaHistoryException("cannot serialize schema history record", e);
        }
    }

    @Override
    protected void recoverRecords(Consumer<HistoryRecord> records) {
        for (String text : store.schemaHistory()) {
            Document document;
            try {
                document = reader.read(text);
            } catch (IOException e) {
                throw new SchemaHistoryException("unreadable schema history record in the state store: " + text, e);
            }
            records.accept(new HistoryRecord(replayable(document)));
        }
    }

    /**
     * The record as Debezium can replay it exactly. Debezium replays a record from its {@code tableChanges} when it
     * has them, and reads their table ids back with {@code TableId.parse}, which cannot read a name that begins or
     * ends with a double quote as Debezium wrote it ({@link DebeziumTableIds}): the replay fails ("Invalid
     * identifier") or names another table. Such a record is replayed from its statement instead, which Debezium's
     * DDL parser reads exactly, as it did when the statement was streamed; the statement is the one the table
     * changes were parsed from. A double quote anywhere in the statement or its database is enough to choose the
     * statement, since an id that reads back as another table cannot be told from the id alone; except for drops,
     * whose statement Debezium writes itself (one per table, quoting a name that begins or ends with a backtick
     * wrongly) and whose replay by id at worst leaves a dropped table in its schema.
     */
    static Document replayable(Document record) {
        Array tableChanges = record.getArray(HistoryRecord.Fields.TABLE_CHANGES);
        String ddl = record.getString(HistoryRecord.Fields.DDL_STATEMENTS);
        if (tableChanges == null || tableChanges.isEmpty() || ddl == null || ddl.isBlank()) {
            return record;
        }
        String database = record.getString(HistoryRecord.Fields.DATABASE_NAME);
        boolean quoteInNames = ddl.indexOf('"') >= 0 || database != null && database.indexOf('"') >= 0;
        boolean dropsOnly = tableChanges.streamValues()
                .allMatch(change -> "DROP".equals(change.asDocument().getString("type")));
        boolean unreadableId = tableChanges.streamValues()
                .map(change -> change.asDocument().getString("id"))
                .anyMatch(id -> id == null || !DebeziumTableIds.readsBack(id));
        if (!(quoteInNames && !dropsOnly) && !unreadableId) {
            return record;
        }
        Document fromStatement = record.clone();
        fromStatement.remove(HistoryRecord.Fields.TABLE_CHANGES);
        return fromStatement;
    }

    @Override
    public boolean exists() {
        return store.schemaHistoryExists();
    }

    /**
     * The storage is the target database's state tables, which exist whenever the store does; whether it holds
     * any history is {@link #exists()}.
     */
    @Override
    public boolean storageExists() {
        return true;
    }

    /**
     * Whether the stored history holds a finished schema recovery: a record whose position is not a snapshot
     * position, i.e. the mark {@link #recordRecoveryComplete} writes or any DDL streamed after it. A history made
     * only of schema-snapshot records is the remainder of a first start that died while recovering, and replaying
     * it would leave tables out.
     */
    static boolean holdsCompleteSchema(StateStore store) {
        if (!store.schemaHistoryExists()) {
            return false;
        }
        DocumentReader reader = DocumentReader.defaultReader();
        for (String text : store.schemaHistory()) {
            try {
                Document position = reader.read(text).getDocument(HistoryRecord.Fields.POSITION);
                if (position != null && !position.has(SNAPSHOT_KEY)) {
                    return true;
                }
            } catch (IOException e) {
                throw new SchemaHistoryException("unreadable schema history record in the state store: " + text, e);
            }
        }
        return false;
    }

    /**
     * Marks the schema recovery as complete, once the connector streams. Debezium writes the recovery's records
     * one by one, all with a snapshot position, and has no record of its end. The mark is a history record
     * without DDL and without table changes, which replay skips, at the stream's start position.
     */
    static void recordRecoveryComplete(StateStore store, Map<String, ?> partition, Map<String, ?> startOffset) {
        Map<String, Object> position = new HashMap<>(startOffset);
        position.remove(SNAPSHOT_KEY);
        HistoryRecord mark = new HistoryRecord(partition, position, "", null, null, new TableChanges(), Instant.now());
        try {
            store.appendSchemaHistory(DocumentWriter.defaultWriter().write(mark.document()));
        } catch (IOException e) {
            throw new SchemaHistoryException("cannot serialize the recovery mark", e);
        }
    }

    @Override
    public String toString() {
        return "tandem state store";
    }
}
