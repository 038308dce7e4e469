package io.tandem.testkit.compare;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Set;
import org.postgresql.util.PGInterval;

/**
 * How the target (PostgreSQL) side selects, orders and reads columns into canonical values. It
 * reads by the source column's kind but looks at the actual PostgreSQL type, so a TINYINT(1) copied
 * as boolean or a TIME copied as time still compares.
 */
final class PostgresSide {

    private static final Set<String> COLLATABLE = Set.of("text", "varchar", "bpchar", "name", "citext");

    private PostgresSide() {
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String selectExpression(Column column) {
        return column.postgresName();
    }

    /** Code point order for strings, as {@link MySqlSide#orderExpression} does with UTF-8 bytes. */
    static String orderExpression(Column column) {
        String order = column.postgresName();
        if (column.kind() == ValueKind.STRING) {
            order = (COLLATABLE.contains(column.targetType()) ? order : "(" + order + "::text)") + " COLLATE \"C\"";
        }
        return order + " NULLS FIRST";
    }

    /** Reads column {@code index} (1-based) with the session time zone at UTC. */
    static Object read(ResultSet rows, int index, Column column) throws SQLException {
        boolean isBoolean = "bool".equals(column.targetType());
        switch (column.kind()) {
            case NUMBER:
                return isBoolean ? booleanAs(rows, index, BigDecimal.ONE, BigDecimal.ZERO) : Canonical.number(rows.getBigDecimal(index));
            case FLOAT: {
                double value = rows.getDouble(index);
                return rows.wasNull() ? null : Canonical.real(value);
            }
            case DOUBLE: {
                double value = rows.getDouble(index);
                return rows.wasNull() ? null : Canonical.doublePrecision(value);
            }
            case BITS:
                return readBits(rows, index, column, isBoolean);
            case BYTES:
            case GEOMETRY: {
                byte[] value = rows.getBytes(index);
                return value == null ? null : new Bytes(value);
            }
            case DATETIME:
                return Canonical.dateTime(rows.getString(index));
            case TIMESTAMP:
                return "timestamptz".equals(column.targetType())
                        ? Canonical.instant(rows.getObject(index, OffsetDateTime.class))
                        : Canonical.utcInstant(rows.getString(index));
            case TIME:
                return "interval".equals(column.targetType())
                        ? Canonical.intervalMicros((PGInterval) rows.getObject(index))
                        : Canonical.timeMicros(rows.getString(index));
            case JSON:
                return Canonical.json(rows.getString(index));
            case DATE:
            case STRING:
            default:
                return rows.getString(index);
        }
    }

    private static Object readBits(ResultSet rows, int index, Column column, boolean isBoolean) throws SQLException {
        if (isBoolean) {
            return booleanAs(rows, index, "1", "0");
        }
        if ("bit".equals(column.targetType()) || "varbit".equals(column.targetType())) {
            return rows.getString(index);
        }
        BigDecimal number = rows.getBigDecimal(index);
        return number == null ? null : Canonical.bits(number.toBigIntegerExact(), column.bitLength());
    }

    private static Object booleanAs(ResultSet rows, int index, Object whenTrue, Object whenFalse) throws SQLException {
        boolean value = rows.getBoolean(index);
        return rows.wasNull() ? null : (value ? whenTrue : whenFalse);
    }
}
