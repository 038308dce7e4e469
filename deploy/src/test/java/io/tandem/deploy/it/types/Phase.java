package io.tandem.deploy.it.types;

/** The steps the suite checks the target after, in order. */
enum Phase {
    /** The rows written before the engine started, copied by the snapshot. */
    SNAPSHOT,
    /** The same values inserted again under new keys while streaming. */
    STREAMED_INSERT,
    /** Every row updated to another case's value of the same column (or NULL) while streaming. */
    STREAMED_UPDATE,
    /** Every second case's rows deleted while streaming. */
    STREAMED_DELETE
}
