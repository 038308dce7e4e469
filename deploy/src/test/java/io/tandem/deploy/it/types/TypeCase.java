package io.tandem.deploy.it.types;

import io.tandem.demo.servers.Flavor;
import java.util.Objects;

/**
 * One value of the type suite: a source column definition, the SQL expression written into it, and the text
 * PostgreSQL must show for it (its output function, as {@code psql} prints it). The expected text is written by
 * hand from the type table, never derived from what the engine or the source returns, so a bug that is the same
 * on both sides still fails.
 *
 * @param definition the MySQL/MariaDB column type, e.g. {@code BIGINT UNSIGNED}; cases with the same definition
 *     share one column
 * @param literal a source SQL expression, e.g. {@code 18446744073709551615} or {@code x'00ff'}
 * @param expected the PostgreSQL text, or null for SQL NULL
 * @param differsOnMySql whether the PostgreSQL text differs when the source is MySQL (e.g. JSON is {@code jsonb}
 *     there and text on MariaDB)
 * @param expectedOnMySql the PostgreSQL text when the source is MySQL, if it differs
 * @param sqlMode the session {@code sql_mode} the value is written with, or null for the server's (strict) one:
 *     values only a non-strict session can write (the ENUM error value; later zero dates) say so here
 */
record TypeCase(String definition, String literal, String expected, boolean differsOnMySql, String expectedOnMySql,
                String sqlMode) {

    TypeCase {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(literal, "literal");
    }

    static TypeCase of(String definition, String literal, String expected) {
        return new TypeCase(definition, literal, expected, false, null, null);
    }

    /** The same case whose PostgreSQL text differs when the source is MySQL. */
    TypeCase onMySql(String expectedThere) {
        return new TypeCase(definition, literal, expected, true, expectedThere, sqlMode);
    }

    /** The same case written in a session with this {@code sql_mode} (e.g. {@code ''} for non-strict). */
    TypeCase withSqlMode(String mode) {
        return new TypeCase(definition, literal, expected, differsOnMySql, expectedOnMySql, mode);
    }

    String expectedOn(Flavor flavor) {
        return flavor == Flavor.MYSQL && differsOnMySql ? expectedOnMySql : expected;
    }

    @Override
    public String toString() {
        return definition + " = " + Shorten.text(literal);
    }
}
