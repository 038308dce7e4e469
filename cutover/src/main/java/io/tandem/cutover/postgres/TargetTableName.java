package io.tandem.cutover.postgres;

import io.tandem.sink.postgres.sql.SqlIdentifiers;
import java.util.Objects;

/**
 * A replicated table on the target, by schema and name exactly as PostgreSQL spells them (no case folding).
 * {@link #sql()} is the quoted form for statements and for {@code ?::regclass} parameters.
 */
public record TargetTableName(String schema, String name) {

    public TargetTableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** {@code "schema"."name"}; safe in SQL text and parsed back exactly by {@code regclass}. */
    public String sql() {
        return SqlIdentifiers.qualified(schema, name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
