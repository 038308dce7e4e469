package io.tandem.engine.transform;

/**
 * The PostgreSQL text form every value of a column is written in. Both paths that produce values (the snapshot
 * copier reading JDBC rows and the stream decoder reading Debezium records) render a value to exactly this form,
 * and the sink hands it to PostgreSQL unchanged (COPY text, or a bound parameter cast to the column type), so a
 * value crosses the pipeline as one string with no intermediate object.
 */
public enum ValueKind {
    /** Decimal digits with an optional sign: {@code -128}, {@code 18446744073709551615}. */
    INTEGER,
    /** A plain decimal, never scientific notation: {@code 12.50}. */
    DECIMAL,
    /** Java's shortest round-trip form of a float or double ({@code 0.1}, {@code 1.0E-45}); exact for real/float8. */
    FLOAT,
    /** {@code t} or {@code f}. */
    BOOLEAN,
    /** A string of {@code 0} and {@code 1}, most significant bit first, exactly as many as the column's width. */
    BITS,
    /** {@code yyyy-MM-dd}. */
    DATE,
    /** Wall time {@code yyyy-MM-dd HH:mm:ss[.ffffff]} (MySQL DATETIME: no zone). */
    TIMESTAMP,
    /** An instant in UTC {@code yyyy-MM-dd HH:mm:ss[.ffffff]+00} (MySQL TIMESTAMP). */
    TIMESTAMPTZ,
    /** A signed elapsed time {@code [-]H:mm:ss[.ffffff]}, hours unbounded (MySQL TIME spans ±838:59:59). */
    INTERVAL,
    /** Text, verbatim. */
    TEXT,
    /** Bytes as {@code \x} followed by lower-case hex. */
    BYTES,
    /** A JSON document's text. */
    JSON,
    /** PostGIS extended WKB as hex, no {@code \\x} prefix: the geometry's SRID travels inside it ({@link Ewkb}). */
    GEOMETRY
}
