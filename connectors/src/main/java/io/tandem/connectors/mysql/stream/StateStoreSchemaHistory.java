package io.tandem.connectors.mysql.stream;

import io.debezium.config.Configuration;
import io.debezium.document.DocumentReader;
import io.debezium.document.DocumentWriter;
import io.debezium.relational.history.AbstractSchemaHistory;
import io.debezium.relational.history.HistoryRecord;
import io.debezium.relational.history.HistoryRecordComparator;
import io.debezium.relational.history.SchemaHistoryException;
import io.debezium.relational.history.SchemaHistoryListener;
import io.tandem.engine.sink.StateStore;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Debezium's schema history kept in the tandem {@link StateStore}, one JSON document per {@link HistoryRecord}, in
 * append order. Debezium replays it on start up to the stored offset (records after it are skipped and re-read from
 * the binlog), so records written ahead of the sink's position are harmless. Instantiated reflectively from
 * {@code schema.history.internal}; the store comes from {@link StateStoreRegistry}.
 */
public class StateStoreSchemaHistory extends AbstractSchemaHistory {

    /** Where the registry id is in the connector configuration. */
    public static final String ID_CONFIG = CONFIGURATION_FIELD_PREFIX_STRING + StateStoreRegistry.ID_SUFFIX;

    private final DocumentWriter writer = DocumentWriter.defaultWriter();
    private final DocumentReader reader = DocumentReader.defaultReader();
    private StateStore store;

    @Override
    public void configure(Configuration config, HistoryRecordComparator comparator, SchemaHistoryListener listener,
                          boolean useCatalogBeforeSchema) {
        super.configure(config, comparator, listener, useCatalogBeforeSchema);
        store = StateStoreRegistry.lookup(config.getString(ID_CONFIG));
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
            try {
                records.accept(new HistoryRecord(reader.read(text)));
            } catch (IOException e) {
                throw new SchemaHistoryException("unreadable schema history record in the state store: " + text, e);
            }
        }
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

    @Override
    public String toString() {
        return "tandem state store";
    }
}
