package io.tandem.testkit.compare;

/**
 * A column present on both sides.
 *
 * @param name the source name
 * @param targetName the name on the target
 * @param bitLength n of a source BIT(n), 0 for other types
 * @param targetType PostgreSQL {@code udt_name}, e.g. {@code int4}, {@code timestamptz}
 */
record Column(String name, String targetName, ValueKind kind, int bitLength, String targetType) {

    String mysqlName() {
        return MySqlSide.quote(name);
    }

    String postgresName() {
        return PostgresSide.quote(targetName);
    }
}
