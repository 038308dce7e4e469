package io.tandem.testkit.compare;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How the source (MySQL/MariaDB) side selects, orders and reads columns into canonical values. */
final class MySqlSide {

    private MySqlSide() {
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * FLOAT goes through a double because its text form has only 6 significant digits and would
     * not read back as the stored float; BIT as an unsigned number because its raw form is bytes.
     * DATETIME and TIMESTAMP as the server's text: the driver's own rendering passes through
     * {@code java.sql.Timestamp} in the JVM's zone (a wall time in a daylight-saving gap moves by an
     * hour) and, over a cursor, prints {@code .001} as {@code .1}.
     */
    static String selectExpression(Column column) {
        return switch (column.kind()) {
            case FLOAT -> "(" + column.mysqlName() + " + 0e0)";
            case BITS -> "CAST(" + column.mysqlName() + " AS UNSIGNED)";
            case DATETIME, TIMESTAMP -> "CAST(" + column.mysqlName() + " AS CHAR)";
            default -> column.mysqlName();
        };
    }

    /**
     * Strings sort by their UTF-8 bytes (code point order): the column's collation is usually
     * case- and accent-insensitive, which PostgreSQL cannot reproduce.
     */
    static String orderExpression(Column column) {
        return column.kind() == ValueKind.STRING
                ? "CAST(CONVERT(" + column.mysqlName() + " USING utf8mb4) AS BINARY)"
                : column.mysqlName();
    }

    /** Reads column {@code index} (1-based) in the text protocol, with the session time zone at UTC. */
    static Object read(ResultSet rows, int index, Column column) throws SQLException {
        switch (column.kind()) {
            case NUMBER:
                return Canonical.number(rows.getString(index));
            case FLOAT: {
                double value = rows.getDouble(index);
                return rows.wasNull() ? null : Canonical.real(value);
            }
            case DOUBLE: {
                double value = rows.getDouble(index);
                return rows.wasNull() ? null : Canonical.doublePrecision(value);
            }
            case BITS: {
                String value = rows.getString(index);
                return value == null ? null : Canonical.bits(new BigInteger(value), column.bitLength());
            }
            case BYTES:
            case GEOMETRY: {
                byte[] value = rows.getBytes(index);
                return value == null ? null : new Bytes(value);
            }
            case DATETIME:
                return Canonical.dateTime(rows.getString(index));
            case TIMESTAMP:
                return Canonical.utcInstant(rows.getString(index));
            case TIME:
                return Canonical.timeMicros(rows.getString(index));
            case JSON:
                return Canonical.json(rows.getString(index));
            case DATE:
            case STRING:
            default:
                return rows.getString(index);
        }
    }
}
