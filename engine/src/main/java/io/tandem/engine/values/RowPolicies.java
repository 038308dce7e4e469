package io.tandem.engine.values;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Applies the value policies to the values of one row at a time and remembers what they did. The snapshot reader
 * and the binlog decoder both go through here, so one policy gives one target value on both paths. Not
 * thread-safe: one per table reader.
 */
public final class RowPolicies {

    /** PostgreSQL's value before every date; also a valid {@code timestamp} and {@code timestamptz}. */
    public static final String MINUS_INFINITY = "-infinity";

    private final ValuePolicies policies;
    private final Set<String> keyColumns;
    private final List<PolicyHit> hits = new ArrayList<>();

    /**
     * @param keyColumns source names of the primary key columns: a policy that would change a key value fails
     *     instead, since the changed key could equal another row's and silently merge the two rows
     */
    public RowPolicies(ValuePolicies policies, Set<String> keyColumns) {
        this.policies = policies;
        this.keyColumns = Set.copyOf(keyColumns);
    }

    /** Forgets the previous row's hits. */
    public void startRow() {
        hits.clear();
    }

    /** What the policies did to the current row's values, in column order. */
    public List<PolicyHit> hits() {
        return List.copyOf(hits);
    }

    public boolean changedAny() {
        return !hits.isEmpty();
    }

    /**
     * A DATE, DATETIME or TIMESTAMP with a zero year, month or day.
     *
     * @param original the value as the source shows it, or a description when only its kind is known
     * @return the PostgreSQL text to write (null for NULL; also null when the row is dead-lettered)
     * @throws PolicyFailure when the policy is {@code fail}
     */
    public String zeroDate(String column, boolean nullable, String original) {
        PolicyAction action = switch (policies.zeroDates()) {
            case NULL -> nullable ? PolicyAction.NULL : PolicyAction.INFINITY;
            case INFINITY -> PolicyAction.INFINITY;
            case DEAD_LETTER -> PolicyAction.DEAD_LETTER;
            case FAIL -> throw new PolicyFailure(ValueIssue.ZERO_DATE, column, original, false, false);
        };
        if (action != PolicyAction.DEAD_LETTER && keyColumns.contains(column)) {
            throw new PolicyFailure(ValueIssue.ZERO_DATE, column, original, false, true);
        }
        hits.add(new PolicyHit(column, ValueIssue.ZERO_DATE, action, original));
        return action == PolicyAction.INFINITY ? MINUS_INFINITY : null;
    }

    /** Text that may hold U+0000; returned unchanged when it holds none. */
    public String text(String column, String value) {
        if (value.indexOf('\0') < 0) {
            return value;
        }
        return nul(column, value, false, NulCharacters.strip(value));
    }

    /** A JSON document that may hold the escape {@code \\u0000} (or a raw U+0000). */
    public String json(String column, String value) {
        if (!NulCharacters.hasJsonNul(value)) {
            return value;
        }
        return nul(column, value, true, NulCharacters.stripJson(value));
    }

    private String nul(String column, String value, boolean json, String stripped) {
        PolicyAction action = switch (policies.nulCharacters()) {
            case STRIP -> PolicyAction.STRIP;
            case DEAD_LETTER -> PolicyAction.DEAD_LETTER;
            case FAIL -> throw new PolicyFailure(ValueIssue.NUL_CHARACTER, column, value, json, false);
        };
        if (action != PolicyAction.DEAD_LETTER && keyColumns.contains(column)) {
            throw new PolicyFailure(ValueIssue.NUL_CHARACTER, column, value, json, true);
        }
        hits.add(new PolicyHit(column, ValueIssue.NUL_CHARACTER, action, NulCharacters.printable(value)));
        return action == PolicyAction.STRIP ? stripped : null;
    }
}
