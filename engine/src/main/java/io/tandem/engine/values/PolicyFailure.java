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

    PolicyFailure(ValueIssue issue, String column, String original, boolean json) {
        super(issue.label() + " in " + column, null, false, false);
        this.issue = issue;
        this.column = column;
        this.original = original;
        this.json = json;
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

    /** Whether the value is a JSON document (a NUL there is the escape {@code \\u0000}). */
    public boolean json() {
        return json;
    }
}
