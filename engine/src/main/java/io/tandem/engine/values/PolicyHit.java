package io.tandem.engine.values;

import java.util.Objects;

/**
 * One value of one row that a policy changed or refused.
 *
 * @param column the source column name
 * @param original the value as the source holds it, printable (NUL shown as {@code \0}); for a zero date that
 *     Debezium already collapsed, a description saying so
 */
public record PolicyHit(String column, ValueIssue issue, PolicyAction action, String original) {

    public PolicyHit {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(original, "original");
    }
}
