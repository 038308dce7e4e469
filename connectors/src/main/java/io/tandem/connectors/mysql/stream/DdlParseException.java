package io.tandem.connectors.mysql.stream;

/**
 * DDL text the {@link DdlParser} cannot read: the message says what was expected and where. Checked, so that every
 * caller decides what an unreadable statement means for the tables it may touch, and names them.
 */
final class DdlParseException extends Exception {

    DdlParseException(String message) {
        super(message);
    }
}
