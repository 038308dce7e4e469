package io.tandem.sink.postgres.wayback;

import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.sql.SqlIdentifiers;
import java.util.Objects;

/** A table of the reverse publication, by schema and name as PostgreSQL spells them. */
public record PublishedTable(String schema, String name) implements Comparable<PublishedTable> {

    public PublishedTable {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    public static PublishedTable of(TargetTable table) {
        return new PublishedTable(table.schema(), table.name());
    }

    /** {@code "schema"."name"}, for SQL. */
    public String quoted() {
        return SqlIdentifiers.qualified(schema, name);
    }

    @Override
    public int compareTo(PublishedTable other) {
        int bySchema = schema.compareTo(other.schema);
        return bySchema != 0 ? bySchema : name.compareTo(other.name);
    }

    /** {@code schema.name}, for messages. */
    @Override
    public String toString() {
        return schema + "." + name;
    }
}
