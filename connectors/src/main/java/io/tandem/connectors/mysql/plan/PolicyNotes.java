package io.tandem.connectors.mysql.plan;

import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.values.ValuePolicies;

/** What the value policies ({@code values:}) will do to a column's values PostgreSQL cannot hold, in words. */
final class PolicyNotes {

    /**
     * Debezium 3.5 reads a zero date of a nullable DATE or DATETIME from the binlog as null, like a NULL, so
     * nothing after it can tell them apart.
     */
    static final String STREAMED_AS_NULL = "while streaming, Debezium 3.5 delivers a zero date in this nullable"
            + " DATE/DATETIME column as a plain NULL: it becomes NULL, is not counted, and values.zero-dates"
            + " cannot act on it";

    private PolicyNotes() {
    }

    /** The policy that applies to the column, or null when none can (its values always fit). */
    static String forColumn(TargetColumn column, ValuePolicies policies) {
        return switch (column.kind()) {
            case DATE, TIMESTAMP, TIMESTAMPTZ -> zeroDates(column.nullable(), policies);
            case TEXT, JSON -> nulCharacters(policies);
            default -> null;
        };
    }

    /** What happens to the zero dates of one column. */
    static String zeroDates(boolean nullable, ValuePolicies policies) {
        return switch (policies.zeroDates()) {
            case NULL -> nullable ? "zero dates -> NULL (values.zero-dates: null)"
                    : "zero dates -> -infinity (values.zero-dates: null; the column is NOT NULL)";
            case INFINITY -> "zero dates -> -infinity (values.zero-dates: infinity)";
            case DEAD_LETTER -> "rows with zero dates -> tandem.dead_letter, not applied"
                    + " (values.zero-dates: dead-letter)";
            case FAIL -> "zero dates stop replication (values.zero-dates: fail)";
        };
    }

    static String nulCharacters(ValuePolicies policies) {
        return switch (policies.nulCharacters()) {
            case STRIP -> "NUL characters removed (values.nul-characters: strip)";
            case DEAD_LETTER -> "rows with NUL characters -> tandem.dead_letter, not applied"
                    + " (values.nul-characters: dead-letter)";
            case FAIL -> "NUL characters stop replication (values.nul-characters: fail)";
        };
    }
}
