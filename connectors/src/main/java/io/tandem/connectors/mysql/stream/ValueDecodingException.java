package io.tandem.connectors.mysql.stream;

/** A source value that has no exact PostgreSQL form; the message names the table, the column and the fix. */
public class ValueDecodingException extends RuntimeException {

    public ValueDecodingException(String message) {
        super(message);
    }
}
