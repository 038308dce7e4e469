package io.tandem.connectors.mysql.stream;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.PolicyFailure;
import io.tandem.engine.values.PolicyHit;
import io.tandem.engine.values.RowPolicies;
import io.tandem.engine.values.ValuePolicies;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * How one Debezium row schema lines up with one target table: per target column, the Connect field that carries
 * its value (by source column name) and the renderer for it. Built once per schema, reused for every row.
 */
public final class RowLayout {

    private final TargetTable table;
    private final Schema rowSchema;
    private final Field[] fields;
    private final ValueRenderer[] renderers;
    private final RowPolicies policies;

    private RowLayout(TargetTable table, Schema rowSchema, Field[] fields, ValueRenderer[] renderers,
                      RowPolicies policies) {
        this.table = table;
        this.rowSchema = rowSchema;
        this.fields = fields;
        this.renderers = renderers;
        this.policies = policies;
    }

    /**
     * @throws IllegalStateException when the row and the table disagree on columns: the source schema changed in a
     *     way tandem has not applied, and writing by position would put values into the wrong columns
     */
    public static RowLayout of(TargetTable table, Schema rowSchema, ValuePolicies valuePolicies) {
        TableId id = table.source();
        List<TargetColumn> columns = table.columns();
        RowPolicies policies = new RowPolicies(valuePolicies, columns.stream()
                .filter(c -> table.primaryKey().contains(c.name())).map(TargetColumn::sourceName)
                .collect(Collectors.toSet()));
        Field[] fields = new Field[columns.size()];
        ValueRenderer[] renderers = new ValueRenderer[columns.size()];
        Set<String> known = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            TargetColumn column = columns.get(i);
            known.add(column.sourceName());
            Field field = rowSchema.field(column.sourceName());
            if (field == null) {
                throw new IllegalStateException("table " + id + ": the binlog row has no column '" + column.sourceName()
                        + "' that the target table has; columns in the binlog: " + names(rowSchema));
            }
            if (column.replicated()) {
                fields[i] = field;
                renderers[i] = ValueRenderers.forColumn(id, column, field.schema(), policies);
            }
        }
        for (Field field : rowSchema.fields()) {
            if (!known.contains(field.name())) {
                throw new IllegalStateException("table " + id + ": the binlog row has column '" + field.name()
                        + "', which the target table does not have");
            }
        }
        return new RowLayout(table, rowSchema, fields, renderers, policies);
    }

    public boolean fits(TargetTable target, Schema schema) {
        return target == table && schema == rowSchema;
    }

    /**
     * The row in target column order; non-replicated columns and SQL NULLs are null. What the value policies did
     * to it is in {@link #policies()} until the next row.
     *
     * @throws PolicyFailure for a value whose policy is {@code fail}
     */
    public String[] render(Struct row) {
        policies.startRow();
        String[] values = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Field field = fields[i];
            if (field != null) {
                // Not get(field): it substitutes the schema default for a stored NULL.
                Object value = row.getWithoutDefault(field.name());
                values[i] = value == null ? null : renderers[i].render(value);
            }
        }
        return values;
    }

    /** What the value policies did to the row rendered last. */
    public RowPolicies policies() {
        return policies;
    }

    /**
     * Appends the row change whose after image this layout rendered last, preceded by a {@link PolicyApplied} when
     * a value policy changed values of it; a row the policy refuses is not followed by its change. (The before
     * image of an update or delete goes through the same policies, so it matches the row as the snapshot or an
     * earlier change wrote it.)
     *
     * @param after null for a delete; otherwise the row {@link #render} returned last
     */
    public void appendChange(RowChange.Op op, String[] before, String[] after, SourcePosition position,
                             List<ChangeEvent> events) {
        if (after != null && policies.changedAny()) {
            PolicyApplied applied = new PolicyApplied(table, op.name().toLowerCase(Locale.ROOT),
                    rowKey(after, policies.hits()), policies.hits(), position);
            events.add(applied);
            if (applied.deadLettered()) {
                return;
            }
        }
        events.add(new RowChange(op, table, before, after, position));
    }

    /** The key columns' values (every column's for a table without a key), the source's where a policy acted. */
    private Map<String, String> rowKey(String[] row, List<PolicyHit> hits) {
        Map<String, String> original = new HashMap<>();
        hits.forEach(hit -> original.put(hit.column(), hit.original()));
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < table.columns().size(); i++) {
            TargetColumn column = table.columns().get(i);
            if (!table.hasPrimaryKey() || table.primaryKey().contains(column.name())) {
                key.put(column.sourceName(), original.getOrDefault(column.sourceName(), row[i]));
            }
        }
        return key;
    }

    private static List<String> names(Schema schema) {
        return schema.fields().stream().map(Field::name).toList();
    }
}
