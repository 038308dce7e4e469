package io.tandem.engine.values;

import io.tandem.engine.config.ConfigEnum;

/** {@code values.zero-dates}: DATE, DATETIME or TIMESTAMP values with a zero year, month or day. */
public enum ZeroDatePolicy implements ConfigEnum {
    /** NULL in a nullable column; {@code -infinity} in a NOT NULL one, where NULL would be refused. */
    NULL,
    /** Always {@code -infinity}, PostgreSQL's value before every date, so the column still sorts them first. */
    INFINITY,
    /** The row is not applied; it is recorded in {@code tandem.dead_letter}. */
    DEAD_LETTER,
    /** Replication stops, naming the row and the fix. */
    FAIL
}
