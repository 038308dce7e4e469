package io.tandem.engine.transform;

/** A PostgreSQL column type as DDL text, and the text form its values travel in. */
record PgType(String sql, ValueKind kind) {

    static PgType of(String sql, ValueKind kind) {
        return new PgType(sql, kind);
    }
}
