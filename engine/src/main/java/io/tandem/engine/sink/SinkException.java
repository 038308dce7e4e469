package io.tandem.engine.sink;

/**
 * A failure to apply to the target. {@link #transientFailure()} is decided from the error's class or SQLSTATE,
 * never from message text: a lost connection or a serialization failure may succeed on retry, a value the target
 * rejects will not.
 */
public class SinkException extends RuntimeException {

    private final boolean transientFailure;

    public SinkException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
