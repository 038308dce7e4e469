package io.tandem.engine.transform;

import java.util.Objects;

/**
 * How spatial columns are stored on the target: as PostGIS {@code geometry} when the target database has the
 * PostGIS extension, otherwise as {@code bytea} in MySQL's internal format (SRID and WKB), which keeps every
 * value exactly and can be converted later.
 *
 * @param geometryType the PostGIS type as written in DDL and casts, schema-qualified ({@code "public".geometry}),
 *     or null for bytea
 */
public record SpatialTarget(String geometryType) {

    public static final SpatialTarget BYTEA = new SpatialTarget(null);

    /** PostGIS installed in {@code schemaSql}, the extension's schema already quoted as an identifier. */
    public static SpatialTarget postgis(String schemaSql) {
        return new SpatialTarget(Objects.requireNonNull(schemaSql, "schemaSql") + ".geometry");
    }

    public boolean postgis() {
        return geometryType != null;
    }
}
