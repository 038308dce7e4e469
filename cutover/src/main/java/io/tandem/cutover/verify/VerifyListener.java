package io.tandem.cutover.verify;

/**
 * Hears a pass as it runs; the command line prints from it and the daemon keeps its status with it. Called on the
 * verifying thread, so implementations return quickly.
 */
public interface VerifyListener {

    /** After each compared chunk. */
    default void progress(VerifyProgress progress) {
    }

    /** A difference confirmed (it differed in two rounds with the same source row). */
    default void difference(Difference difference) {
    }

    default void passFinished(VerifyResult result) {
    }

    VerifyListener NONE = new VerifyListener() {
    };
}
