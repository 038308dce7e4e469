package io.tandem.engine.transform;

import java.util.Objects;

/**
 * A target type chosen by the operator for one column ({@code columns:} in the config), replacing the mapped one.
 * Values still travel in the text form of the source column's {@link ValueKind}; the sink turns that text into
 * {@code type} with {@code using}, or with a plain cast when there is none.
 *
 * @param type the PostgreSQL type of the target column, as written in DDL, e.g. {@code timestamptz}
 * @param using a PostgreSQL expression over {@code value} (the source value's text), or null for
 *     {@code value::type}. It is operator-supplied SQL: trusted, but checked lexically so that it cannot end the
 *     parenthesized slot it is placed in ({@link OverrideSql})
 */
public record ColumnOverride(String type, String using) {

    public ColumnOverride {
        Objects.requireNonNull(type, "type");
    }

    public boolean hasUsing() {
        return using != null;
    }

    /** How the plan and logs show it: {@code boolean} or {@code timestamptz using to_timestamp(value::bigint)}. */
    public String describe() {
        return using == null ? type : type + " using " + using;
    }
}
