package io.tandem.connectors.mysql.stream;

/** Turns one non-null Connect value of one column into the column's PostgreSQL text form. */
@FunctionalInterface
public interface ValueRenderer {

    String render(Object value);
}
