package io.tandem.connect.record;

import io.tandem.connectors.mysql.stream.ColumnTypeText;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.TableId;
import io.tandem.engine.model.SourceTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * The source table a change event describes, read from its Connect schemas: columns from the row schema, with the
 * MySQL type Debezium adds to each field under {@code column.propagate.source.type}, and the primary key from the
 * key schema. The type text is rebuilt as the daemon rebuilds it from Debezium's schema history
 * ({@link ColumnTypeText}), so both go through the same type mapping.
 *
 * <p>What record schemas cannot carry, and the daemon reads from the source: column defaults, AUTO_INCREMENT,
 * character sets, generated columns and secondary indexes. Tables created here have none of them.
 */
final class RecordSchemas {

    static final String TYPE = "__debezium.source.column.type";
    static final String LENGTH = "__debezium.source.column.length";
    static final String SCALE = "__debezium.source.column.scale";
    /** Debezium's parameter on ENUM and SET fields: the members, comma-separated, commas and backslashes escaped. */
    static final String ALLOWED = "allowed";

    private RecordSchemas() {
    }

    /**
     * @param keySchema the record key's schema: the primary key columns, or null for a table without a key
     * @param mariaDb whether the event came from the MariaDB connector, whose JSON is text
     * @throws DataException when a column carries no source type: the source connector lacks
     *     {@code column.propagate.source.type}
     */
    static SourceTable sourceTable(TableId id, Schema keySchema, Schema rowSchema, boolean mariaDb) {
        List<SourceColumn> columns = new ArrayList<>();
        for (Field field : rowSchema.fields()) {
            columns.add(column(id, field, mariaDb));
        }
        List<String> key = new ArrayList<>();
        if (keySchema != null && keySchema.type() == Schema.Type.STRUCT) {
            for (Field field : keySchema.fields()) {
                key.add(field.name());
            }
        }
        return new SourceTable(id, columns, key, List.of());
    }

    private static SourceColumn column(TableId table, Field field, boolean mariaDb) {
        Schema schema = field.schema();
        Map<String, String> parameters = schema.parameters() == null ? Map.of() : schema.parameters();
        String typeName = parameters.get(TYPE);
        if (typeName == null) {
            throw new DataException("column " + table + "." + field.name() + " arrives without its MySQL type; "
                    + "set column.propagate.source.type=.* on the Debezium source connector (tandem maps types "
                    + "from it, not from the Connect schema, which loses signedness, lengths and precision)");
        }
        List<String> members = parameters.containsKey(ALLOWED) ? members(parameters.get(ALLOWED)) : List.of();
        String declared = ColumnTypeText.of(typeName, integer(parameters.get(LENGTH)),
                integer(parameters.get(SCALE)), members);
        String type = mariaDb ? ColumnTypeText.onMariaDb(declared) : declared;
        return new SourceColumn(field.name(), type, schema.isOptional(), null, false, SourceColumn.Generated.NO,
                null, null, members);
    }

    /**
     * Debezium's list of ENUM/SET members: a backslash keeps the next character (a comma inside a member, or a
     * backslash), a bare comma ends a member.
     */
    static List<String> members(String allowed) {
        List<String> members = new ArrayList<>();
        StringBuilder member = new StringBuilder();
        for (int i = 0; i < allowed.length(); i++) {
            char c = allowed.charAt(i);
            if (c == '\\' && i + 1 < allowed.length()) {
                member.append(allowed.charAt(++i));
            } else if (c == ',') {
                members.add(member.toString());
                member.setLength(0);
            } else {
                member.append(c);
            }
        }
        if (!allowed.isEmpty()) {
            members.add(member.toString());
        }
        return members;
    }

    private static Integer integer(String text) {
        return text == null ? null : Integer.valueOf(text);
    }
}
