package io.tandem.engine.control;

/** A refusal meant for the HTTP client: its status and message are sent as is, so keep secrets out of it. */
public class ControlException extends RuntimeException {

    private final int status;

    public ControlException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 4xx or 5xx, got " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }
}
