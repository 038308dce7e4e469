package io.tandem.sink.postgres;

/** What the sink does with a row change PostgreSQL refuses as data (SQLSTATE class 22 or 23). */
public enum BadRowPolicy {
    /** The batch fails; the pipeline stops with the error and the offset stays before the batch. */
    FAIL,
    /**
     * The row change is recorded in {@code tandem.dead_letter} with the reason and position, the rest of the batch
     * is applied, and the offset moves past it.
     */
    DEAD_LETTER
}
