package io.tandem.engine.sink;

/** What the sink does with a row change the target refuses as data (in PostgreSQL, SQLSTATE class 22 or 23). */
public enum BadRowPolicy {
    /** The batch fails; the pipeline stops with the error and the offset stays before the batch. */
    FAIL,
    /**
     * The row change is recorded in the target's dead-letter table ({@code tandem.dead_letter}) with the reason and
     * position, the rest of the batch is applied, and the offset moves past it.
     */
    DEAD_LETTER
}
