package io.tandem.cutover;

/**
 * What a switch does on the database the application leaves: the source of the replication being drained (MySQL
 * for a cutover, PostgreSQL for a failback). Every method is safe to call again after a restart, in any state: the
 * recovery of an interrupted attempt calls {@link #unfreeze()} without knowing how far a freeze got.
 */
public interface SourceSide {

    /**
     * Stops application writes, bounded in time (a long-running statement makes this fail fast instead of queueing
     * every writer behind it). On failure the database is left writable for the application.
     */
    void freeze() throws Exception;

    /** Makes the database writable for the application again. Does nothing harmful when it was not frozen. */
    void unfreeze() throws Exception;

    /** Writes the fence token in its own transaction and returns the log position right after it. */
    String writeFence(String token) throws Exception;

    /**
     * What was written after the fence (whose {@link #writeFence} returned {@code fencePosition}), in words for the
     * abort reason; null when nothing was, so that everything the application wrote is before the token.
     */
    String writtenAfterFence(String fencePosition) throws Exception;
}
