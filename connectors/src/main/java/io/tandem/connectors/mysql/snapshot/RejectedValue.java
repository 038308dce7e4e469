package io.tandem.connectors.mysql.snapshot;

/**
 * Thrown by a {@link ColumnReader} for a value PostgreSQL cannot store; the table copy adds the table, column and
 * row key and turns it into an {@link UnstorableValueException}. Carries no stack trace: it is a verdict on data,
 * and the copy's own exception says where it was raised.
 */
final class RejectedValue extends RuntimeException {

    /** Why a value cannot be stored; each has its own message and fix. */
    enum Reason { ZERO_DATE, NUL_IN_TEXT, NUL_IN_JSON }

    private final Reason reason;
    private final String value;

    RejectedValue(Reason reason, String value) {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.value = value;
    }

    Reason reason() {
        return reason;
    }

    String value() {
        return value;
    }
}
