package io.tandem.sink.postgres.sql;

import io.tandem.engine.transform.TargetColumn;

/**
 * The SQL that turns a value's text into the value of its column: a cast to the column type ({@link CastTypes}), or
 * for a column overridden with {@code using} the operator's expression evaluated over that text as {@code value}.
 *
 * <p>The expression goes into a scalar subquery over a one-row {@code VALUES}, in its own parentheses: its
 * {@code value} is bound to this column's text whatever else the statement holds, and it was checked lexically at
 * config load ({@link io.tandem.engine.transform.OverrideSql}) so that it cannot close those parentheses. Its result
 * is cast to the column type, so an expression yielding a compatible type (a {@code timestamp} for a
 * {@code timestamptz} column) is stored like any other value, and a value it cannot convert is refused by the
 * server as a data error, which {@code errors.on-bad-row} then governs.
 */
public final class ColumnValues {

    private ColumnValues() {
    }

    /** @param text an SQL expression of type text (or an untyped parameter) holding the value's text form */
    public static String of(String text, TargetColumn column) {
        String type = CastTypes.unbounded(column.pgType());
        if (!column.converted()) {
            return "CAST(" + text + " AS " + type + ")";
        }
        return "CAST((SELECT (" + column.override().using() + ") FROM (VALUES (CAST(" + text + " AS text)))"
                + " AS override(value)) AS " + type + ")";
    }
}
