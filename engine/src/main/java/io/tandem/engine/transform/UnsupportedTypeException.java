package io.tandem.engine.transform;

/** A source column whose type tandem cannot carry exactly; the message names the column and what to do. */
public class UnsupportedTypeException extends RuntimeException {

    public UnsupportedTypeException(String message) {
        super(message);
    }
}
