package io.tandem.sink.postgres.sql;

import io.tandem.engine.transform.TargetTable;
import java.util.Collection;
import java.util.stream.Collectors;

/** Quotes identifiers. Every identifier in generated SQL goes through here, whatever its spelling. */
public final class SqlIdentifiers {

    private SqlIdentifiers() {
    }

    /** {@code "name"} with embedded double quotes doubled; case and every other character kept as is. */
    public static String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            // PostgreSQL cannot store NUL in a name; quoting would not make the statement safe.
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + '.' + quote(name);
    }

    public static String qualified(TargetTable table) {
        return qualified(table.schema(), table.name());
    }

    /** {@code "a", "b", "c"}. */
    public static String quotedList(Collection<String> identifiers) {
        return identifiers.stream().map(SqlIdentifiers::quote).collect(Collectors.joining(", "));
    }
}
