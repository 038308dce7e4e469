package io.tandem.engine.values;

/**
 * A value whose policy is {@code fail}. The reader that met it adds the table and the row and turns it into its
 * own error. Carries no stack trace: it is a verdict on data, and the reader's exception says where.
 */
public final class PolicyFailure extends RuntimeException {

    private final ValueIssue issue;
    private final String column;
    private final String original;
    private final boolean json;
    private final boolean key;

    PolicyFailure(ValueIssue issue, String column, String original, boolean json, boolean key) {
        super(issue.label() + " in " + column, null, false, false);
        this.issue = issue;
        this.column = column;
        this.original = original;
        this.json = json;
        this.key = key;
    }

    public ValueIssue issue() {
        return issue;
    }

    /** The source column name. */
    public String column() {
        return column;
    }

    /** The value as read from the source (NUL characters included). */
    public String original() {
        return original;
    }

    /**
     * Whether the value is in a primary key column, where the policy would have changed it: a changed key could
     * collide with another row's and merge the two, so only {@code dead-letter} and {@code fail} apply to keys.
     */
    public boolean key() {
        return key;
    }

    /** Whether the value is a JSON document (a NUL there is the escape {@code \\u0000}). */
    public boolean json() {
        return json;
    }
}
