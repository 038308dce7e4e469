package io.tandem.cutover;

import io.tandem.engine.control.ConflictException;

/** A cutover that may not start now, with the reason; nothing was changed. */
public final class CutoverRefused extends ConflictException {

    public CutoverRefused(String reason) {
        super(reason);
    }
}
