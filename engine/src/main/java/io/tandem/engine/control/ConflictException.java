package io.tandem.engine.control;

/**
 * An operator's request that does not fit the current state (pause while snapshotting, a second cutover while one
 * runs): a 409 with the reason. Programming errors stay {@link IllegalStateException}s and are a 500.
 */
public class ConflictException extends ControlException {

    public ConflictException(String message) {
        super(409, message);
    }
}
