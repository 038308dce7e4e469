package io.tandem.cutover.verify;

/** The target did not commit up to a chunk's source position in time: replication is stopped, failing or far behind. */
public final class TargetBehindException extends RuntimeException {

    public TargetBehindException(String message) {
        super(message);
    }
}
