package io.tandem.connectors.mysql.stream;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Debezium schema-change record (topic = {@code topic.prefix}): the statement, the database it ran in, and its
 * {@code tableChanges}, the structure of every table it created, altered or dropped as Debezium understood it.
 *
 * @param ddl the statement's text, or null
 * @param database the statement's default database, or empty when it ran without one
 * @param mariaDb whether a MariaDB server wrote it, whose types differ in name from MySQL's
 * @param changes the raw {@code tableChanges}; read them with {@link #tableChanges}
 */
record SchemaChangeRecord(String ddl, String database, boolean mariaDb, List<Struct> changes) {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaChangeRecord.class);

    SchemaChangeRecord {
        changes = changes == null ? List.of() : List.copyOf(changes);
        database = database == null ? "" : database;
    }

    static SchemaChangeRecord of(Struct value) {
        Struct source = value.schema().field("source") == null ? null : value.getStruct("source");
        // Debezium names the connector that produced the record in its source block.
        boolean mariaDb = source != null && "mariadb".equals(source.getString("connector"));
        return new SchemaChangeRecord(value.getString("ddl"), value.getString("databaseName"), mariaDb,
                value.getArray("tableChanges"));
    }

    boolean hasTableChanges() {
        return !changes.isEmpty();
    }

    /** Whether every table change drops a table (and there is at least one). */
    boolean dropsOnly() {
        return hasTableChanges() && changes.stream().allMatch(c -> TableChange.typeOf(c) == TableChange.Type.DROP);
    }

    /**
     * The table changes, each under the table it is about (see {@link DebeziumTableIds}). A change whose table
     * cannot be told is left out when it alters or drops a table, since every replicated table is among the
     * candidates; a created table that cannot be told is an error, since the table filter may want it.
     *
     * @param named the tables the statement names, from its parse
     * @param replicated the tables tandem replicates
     */
    List<TableChange> tableChanges(List<QualifiedName> named, Collection<TableId> replicated,
                                   SourcePosition position) {
        List<TableId> candidates = new ArrayList<>();
        for (QualifiedName name : named) {
            if (name.qualified() || !database.isEmpty()) {
                candidates.add(name.in(database));
            }
        }
        candidates.addAll(replicated);
        List<TableChange> read = new ArrayList<>();
        for (Struct change : changes) {
            String debeziumId = change.getString("id");
            Optional<TableId> id = DebeziumTableIds.resolve(debeziumId, candidates);
            TableChange.Type type = TableChange.typeOf(change);
            if (id.isPresent()) {
                read.add(read(change, type, id.get(), position));
            } else if (type == TableChange.Type.CREATE) {
                throw new UnsupportedSchemaChangeException("cannot tell which table the statement " + ddl + " at "
                        + position.description() + " creates: Debezium reports it as " + debeziumId + ", which "
                        + "does not render any table the statement names (Debezium leaves a name that begins or "
                        + "ends with a double quote unquoted)");
            } else {
                LOG.info("Ignoring the {} of {} reported for {} at {}: not a replicated table", type, debeziumId,
                        ddl, position.description());
            }
        }
        return read;
    }

    private TableChange read(Struct change, TableChange.Type type, TableId id, SourcePosition position) {
        try {
            return TableChange.of(change, type, id, mariaDb);
        } catch (RuntimeException e) {
            // A structure tandem cannot read (a Debezium version writing it otherwise): name where it came from.
            throw new ChangeDecodingException(id, ddl, position, e);
        }
    }
}
