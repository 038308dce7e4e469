package io.tandem.engine.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * One source identifier and the PostgreSQL identifier it became, as {@code tandem plan} lists them and the target's
 * {@code tandem.identifiers} view shows them.
 *
 * @param kind {@code schema}, {@code table}, {@code column} or {@code index}
 * @param sourceTable null for a schema
 * @param sourceName the object's own source name (the database, table, column or index name)
 * @param targetTable null for a schema
 * @param targetName the object's own target name
 */
public record IdentifierMapping(String kind, String sourceDatabase, String sourceTable, String sourceName,
                                String targetSchema, String targetTable, String targetName) {

    /**
     * Whether the target name is the source name unchanged; an index counts as verbatim when it is named
     * {@code <source table>_<source index>}, the form index names always take since PostgreSQL scopes them by schema.
     */
    public boolean verbatim() {
        String expected = kind.equals("index") ? sourceTable + "_" + sourceName : sourceName;
        return expected.equals(targetName);
    }

    /** Every identifier of the table: its schema, the table, its columns and its indexes. */
    public static List<IdentifierMapping> of(TargetTable table) {
        String database = table.source().database();
        String sourceTable = table.source().table();
        List<IdentifierMapping> mappings = new ArrayList<>();
        mappings.add(new IdentifierMapping("schema", database, null, database, table.schema(), null, table.schema()));
        mappings.add(new IdentifierMapping("table", database, sourceTable, sourceTable, table.schema(), table.name(),
                table.name()));
        for (TargetColumn column : table.columns()) {
            mappings.add(new IdentifierMapping("column", database, sourceTable, column.sourceName(), table.schema(),
                    table.name(), column.name()));
        }
        for (TargetIndex index : table.indexes()) {
            mappings.add(new IdentifierMapping("index", database, sourceTable, index.sourceName(), table.schema(),
                    table.name(), index.name()));
        }
        return mappings;
    }
}
