package io.tandem.engine.model;

import java.util.List;
import java.util.Objects;

/**
 * A column as the source server defines it, in the terms of {@code information_schema.COLUMNS}.
 *
 * @param columnType the full type text, e.g. {@code bigint(20) unsigned zerofill} or {@code enum('a','b')}
 * @param defaultExpression the default as the server reports it (a literal or an expression such as
 *     {@code current_timestamp()}), or null when the column has none
 * @param enumValues the labels of an ENUM or the members of a SET, in definition order; empty otherwise
 */
public record SourceColumn(
        String name,
        String columnType,
        boolean nullable,
        String defaultExpression,
        boolean autoIncrement,
        Generated generated,
        String generationExpression,
        String charset,
        List<String> enumValues) {

    /** Whether and how the server computes the column's value. */
    public enum Generated { NO, STORED, VIRTUAL }

    public SourceColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(columnType, "columnType");
        Objects.requireNonNull(generated, "generated");
        enumValues = List.copyOf(enumValues);
    }

    /** A plain column: no default, not generated, not auto-increment. */
    public static SourceColumn of(String name, String columnType, boolean nullable) {
        return new SourceColumn(name, columnType, nullable, null, false, Generated.NO, null, null, List.of());
    }
}
