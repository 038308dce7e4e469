package io.tandem.connectors.mysql.stream;

import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;

/**
 * One entry of a schema-change record's {@code tableChanges} array ({@code ConnectTableChangeSerializer}): the
 * change type, the table, and for CREATE and ALTER the table's structure after the change as Debezium's parser
 * understood it. Secondary indexes, generation expressions and collations are not in it (TYPES.md §a.2).
 *
 * @param table null for DROP
 */
record TableChange(Type type, TableId id, SourceTable table) {

    enum Type { CREATE, ALTER, DROP }

    static Type typeOf(Struct change) {
        return Type.valueOf(change.getString("type"));
    }

    /**
     * @param id the table, told from the change's {@code id} text by {@link DebeziumTableIds} (never parsed here)
     * @param mariaDb whether the change comes from a MariaDB server, whose types differ in name from MySQL's
     */
    static TableChange of(Struct change, Type type, TableId id, boolean mariaDb) {
        Struct table = change.getStruct("table");
        return new TableChange(type, id, table == null || type == Type.DROP ? null : sourceTable(id, table, mariaDb));
    }

    List<String> columnNames() {
        return table.columns().stream().map(SourceColumn::name).toList();
    }

    /**
     * For a table tandem replicates that the change reports as created (the schema snapshot's CREATE of every
     * table, or a CREATE that leaves the table as it was): the stream decodes its rows with tandem's columns, so
     * they must be the source's.
     */
    void requireColumnsOf(TargetTable known, String ddl, SourcePosition at) {
        Set<String> target = new HashSet<>();
        for (TargetColumn column : known.columns()) {
            target.add(column.sourceName());
        }
        if (!new HashSet<>(columnNames()).equals(target)) {
            throw new UnsupportedSchemaChangeException("table " + id + " has columns " + columnNames()
                    + " on the source, but tandem replicates it with " + target + " (" + ddl + " at " + at
                    + "); its definition changed after the snapshot position, so the stream cannot decode it. "
                    + "Copy the table again.");
        }
    }

    private static SourceTable sourceTable(TableId id, Struct table, boolean mariaDb) {
        List<SourceColumn> columns = new ArrayList<>();
        for (Struct column : table.<Struct>getArray("columns")) {
            columns.add(column(column, mariaDb));
        }
        List<String> key = table.getArray("primaryKeyColumnNames");
        return new SourceTable(id, columns, key == null ? List.of() : key, List.of());
    }

    /**
     * Debezium's {@code generated} flag marks AUTO_INCREMENT, not generated columns, whose expressions its parser
     * does not record; such a column therefore appears as a plain one here.
     */
    private static SourceColumn column(Struct column, boolean mariaDb) {
        List<String> members = column.getArray("enumValues");
        List<String> enumValues = members == null ? List.of() : members.stream().map(TableChange::unquoted).toList();
        String declared = ColumnTypeText.of(column.getString("typeName"), column.getInt32("length"),
                column.getInt32("scale"), enumValues);
        String type = mariaDb ? ColumnTypeText.onMariaDb(declared) : declared;
        Boolean autoIncrement = column.getBoolean("autoIncremented");
        return new SourceColumn(column.getString("name"), type, Boolean.TRUE.equals(column.getBoolean("optional")),
                DefaultText.of(type, column.getString("defaultValueExpression")), Boolean.TRUE.equals(autoIncrement),
                SourceColumn.Generated.NO, null, column.getString("charsetName"), enumValues);
    }

    /** The parser keeps ENUM/SET members as written in the DDL, quotes and doubled quotes included. */
    private static String unquoted(String member) {
        if (member.length() >= 2 && member.startsWith("'") && member.endsWith("'")) {
            return member.substring(1, member.length() - 1).replace("''", "'");
        }
        return member;
    }
}
