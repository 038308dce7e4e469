package io.tandem.cutover;

/**
 * What the cutover does on the source (MySQL/MariaDB). Every method is safe to call again after a restart, in any
 * state: the recovery of an interrupted attempt calls {@link #unfreeze()} without knowing how far a freeze got.
 */
public interface SourceSide {

    /**
     * Stops application writes: {@code read_only} (bounded by a short lock wait, so a long-running statement makes
     * this fail fast instead of queueing every writer behind it), the application accounts locked and their sessions
     * killed. On failure the source is left writable.
     */
    void freeze() throws Exception;

    /** Makes the source writable for the application again. Does nothing harmful when it was not frozen. */
    void unfreeze() throws Exception;

    /** Writes the fence token in its own transaction and returns the source's log end right after it. */
    String writeFence(String token) throws Exception;

    /** The source's log end now: equal to the fence's end when nothing was written after the token. */
    String logEnd() throws Exception;
}
