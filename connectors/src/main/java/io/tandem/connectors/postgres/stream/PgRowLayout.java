package io.tandem.connectors.postgres.stream;

import io.tandem.connectors.debezium.ConnectValues;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * How one Debezium row schema of a relation lines up with tandem's definition of the table: per target column, the
 * Connect field that carries it (by PostgreSQL column name) and its renderer. Built once per schema; Debezium builds
 * a new schema when a relation message changes the columns, so a changed relation is checked before its first row.
 */
final class PgRowLayout {

    private final TargetTable table;
    private final Schema rowSchema;
    private final Field[] fields;
    private final List<Function<Object, String>> renderers;

    private PgRowLayout(TargetTable table, Schema rowSchema, Field[] fields, List<Function<Object, String>> renderers) {
        this.table = table;
        this.rowSchema = rowSchema;
        this.fields = fields;
        this.renderers = renderers;
    }

    /**
     * @throws SchemaChangedException when the row's columns are not the replicated columns of the definition, or
     *     not of their types: the relation changed on PostgreSQL (pgoutput leaves generated columns out, as
     *     tandem's definition marks them)
     */
    static PgRowLayout of(TargetTable table, Schema rowSchema) {
        check(table, rowSchema);
        Field[] fields = new Field[table.columns().size()];
        List<Function<Object, String>> renderers = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            TargetColumn column = table.columns().get(i);
            if (column.replicated()) {
                fields[i] = rowSchema.field(column.name());
                renderers.add(PgValueRenderers.forColumn(table.displayName(), column, fields[i].schema()));
            } else {
                renderers.add(null);
            }
        }
        return new PgRowLayout(table, rowSchema, fields, renderers);
    }

    /**
     * The column names and types (as Debezium propagates them), without touching values: what every change,
     * rogue writes in shadow mode included, is checked against.
     */
    static void check(TargetTable table, Schema rowSchema) {
        Set<String> expected = new LinkedHashSet<>();
        table.columns().stream().filter(TargetColumn::replicated).forEach(c -> expected.add(c.name()));
        Set<String> actual = new LinkedHashSet<>();
        rowSchema.fields().forEach(f -> actual.add(f.name()));
        if (expected.equals(actual)) {
            checkTypes(table, rowSchema);
            return;
        }
        Set<String> added = new LinkedHashSet<>(actual);
        added.removeAll(expected);
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(actual);
        List<String> differences = new ArrayList<>();
        if (!added.isEmpty()) {
            differences.add("columns not in tandem's definition " + added);
        }
        if (!missing.isEmpty()) {
            differences.add("columns of the definition missing " + missing);
        }
        throw new SchemaChangedException(table.displayName(), String.join(", ", differences)
                + "; PostgreSQL now has " + actual);
    }

    private static void checkTypes(TargetTable table, Schema rowSchema) {
        List<String> retyped = new ArrayList<>();
        for (TargetColumn column : table.columns()) {
            if (column.replicated()) {
                String difference = PgColumnType.of(column.pgType())
                        .difference(rowSchema.field(column.name()).schema().parameters());
                if (difference != null) {
                    retyped.add(column.name() + " " + difference);
                }
            }
        }
        if (!retyped.isEmpty()) {
            throw new SchemaChangedException(table.displayName(), "column types changed: "
                    + String.join("; ", retyped));
        }
    }

    boolean fits(TargetTable target, Schema schema) {
        return target == table && schema == rowSchema;
    }

    /**
     * The row in target column order; non-replicated columns and SQL NULLs are null. A value Debezium could not
     * read (an unchanged TOASTed value, given as {@code placeholder}) is taken from {@code fallback}, the before
     * image, which REPLICA IDENTITY FULL makes complete.
     *
     * @param fallback the before image of an update, else null
     * @throws IllegalStateException when a value is missing from both images
     */
    String[] render(Struct row, Struct fallback, Placeholder placeholder) {
        String[] values = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Field field = fields[i];
            if (field == null) {
                continue;
            }
            Object value = row.get(field);
            if (placeholder.matches(value)) {
                Object before = fallback == null ? null : fallback.get(field.name());
                if (fallback == null || placeholder.matches(before)) {
                    throw new IllegalStateException("relation " + table.displayName() + ", column " + field.name()
                            + ": unchanged TOASTed value missing from the before image too; the table needs "
                            + "REPLICA IDENTITY FULL");
                }
                value = before;
            }
            values[i] = value == null ? null : renderers.get(i).apply(value);
        }
        return values;
    }

    /** Debezium's {@code unavailable.value.placeholder}, in the form it takes in text and in bytes columns. */
    record Placeholder(String text, byte[] bytes) {

        static Placeholder of(String text) {
            return new Placeholder(text, text.getBytes(StandardCharsets.UTF_8));
        }

        boolean matches(Object value) {
            if (value instanceof String s) {
                return s.equals(text);
            }
            if (value instanceof byte[] || value instanceof ByteBuffer) {
                return Arrays.equals(ConnectValues.bytes(value), bytes);
            }
            return false;
        }
    }
}
