package io.tandem.connectors.mysql.plan;

import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.values.NulPolicy;
import io.tandem.engine.values.ValuePolicies;
import io.tandem.engine.values.ZeroDatePolicy;

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

    /** In a key column a changed value could equal another row's key, so only dead-letter and fail apply. */
    static final String KEY_STOPS = " stop replication: the column is in the primary key, where a changed value"
            + " could merge two rows, so only dead-letter or fail apply";

    /**
     * The policy that applies to the column, or null when none can (its values always fit).
     *
     * @param key whether the column is part of the primary key
     */
    static String forColumn(TargetColumn column, boolean key, ValuePolicies policies) {
        return switch (column.kind()) {
            case DATE, TIMESTAMP, TIMESTAMPTZ -> zeroDates(column.nullable(), key, policies);
            case TEXT, JSON -> nulCharacters(key, policies);
            default -> null;
        };
    }

    /** Whether the values of this kind stop replication in that column under these policies. */
    static boolean zeroDatesStop(boolean key, ValuePolicies policies) {
        return stops(policies.zeroDates() == ZeroDatePolicy.FAIL, policies.zeroDates() == ZeroDatePolicy.DEAD_LETTER,
                key);
    }

    static boolean nulCharactersStop(boolean key, ValuePolicies policies) {
        return stops(policies.nulCharacters() == NulPolicy.FAIL, policies.nulCharacters() == NulPolicy.DEAD_LETTER,
                key);
    }

    private static boolean stops(boolean fail, boolean deadLetter, boolean key) {
        return fail || key && !deadLetter;
    }

    /** What happens to the zero dates of one column. */
    static String zeroDates(boolean nullable, boolean key, ValuePolicies policies) {
        if (key && policies.zeroDates() != ZeroDatePolicy.DEAD_LETTER && policies.zeroDates() != ZeroDatePolicy.FAIL) {
            return "zero dates" + KEY_STOPS + " (values.zero-dates)";
        }
        return switch (policies.zeroDates()) {
            case NULL -> nullable ? "zero dates -> NULL (values.zero-dates: null)"
                    : "zero dates -> -infinity (values.zero-dates: null; the column is NOT NULL)";
            case INFINITY -> "zero dates -> -infinity (values.zero-dates: infinity)";
            case DEAD_LETTER -> "rows with zero dates -> tandem.dead_letter, not applied"
                    + " (values.zero-dates: dead-letter)";
            case FAIL -> "zero dates stop replication (values.zero-dates: fail)";
        };
    }

    static String nulCharacters(boolean key, ValuePolicies policies) {
        if (key && policies.nulCharacters() == NulPolicy.STRIP) {
            return "NUL characters" + KEY_STOPS + " (values.nul-characters)";
        }
        return switch (policies.nulCharacters()) {
            case STRIP -> "NUL characters removed (values.nul-characters: strip)";
            case DEAD_LETTER -> "rows with NUL characters -> tandem.dead_letter, not applied"
                    + " (values.nul-characters: dead-letter)";
            case FAIL -> "NUL characters stop replication (values.nul-characters: fail)";
        };
    }
}
