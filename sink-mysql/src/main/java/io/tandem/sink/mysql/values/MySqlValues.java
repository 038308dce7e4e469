package io.tandem.sink.mysql.values;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.ByteaText;
import io.tandem.engine.transform.Ewkb;
import io.tandem.engine.transform.MySqlColumnType;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.ValueKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * The one table from a column's {@link ValueKind} and real MySQL type to how its PostgreSQL text values are
 * written back ({@link ColumnValue}). Every choice reproduces the original MySQL value exactly; a value MySQL cannot
 * hold is refused with the reason, never rounded, clipped or replaced.
 *
 * <p>The traps, per kind:
 * <ul>
 *   <li>INTEGER: bound as {@code Long} or {@code BigDecimal}, which both drivers send as a number literal: a string
 *       compared with an integer column is compared as a double, which cannot tell 2^63 from 2^63+1. A string would
 *       also turn YEAR {@code 0} into 2000.</li>
 *   <li>DECIMAL: bound as text inside {@code CAST(? AS DECIMAL(p,s))}: exact, whereas a {@code BigDecimal} may be
 *       rendered in scientific notation, which MySQL reads as a double. Digits beyond the column's scale or
 *       precision are refused here, because the cast would round them.</li>
 *   <li>FLOAT (MySQL FLOAT is single precision): the text is parsed as a float and bound as the same value widened
 *       to a double, which is exact; the server narrows it back to exactly that float, and compares a FLOAT column
 *       (widened the same way) equal to it. Binding the text would compare 0.1 (a double) with 0.1f and fail.</li>
 *   <li>BITS: the bits as an unsigned integer inside {@code CAST(? AS UNSIGNED)}, exact up to BIT(64).</li>
 *   <li>TIMESTAMPTZ: the UTC text without its {@code +00}; the session time zone is {@code +00:00}
 *       ({@link io.tandem.sink.mysql.sql.MySqlSession}).</li>
 *   <li>TEXT: matched by its utf8mb4 bytes, so that a case-insensitive or PAD SPACE collation cannot match
 *       {@code 'A'} or {@code 'a '} for {@code 'a'}.</li>
 *   <li>JSON: MySQL compares JSON as JSON ({@code CAST(? AS JSON)}); MariaDB stores it as text, matched through
 *       {@code JSON_NORMALIZE} (10.7 and later), since PostgreSQL's jsonb prints a document in its own layout.</li>
 *   <li>GEOMETRY: PostGIS EWKB back to MySQL's internal format ({@link Ewkb#toMySqlInternal}).</li>
 * </ul>
 */
public final class MySqlValues {

    private MySqlValues() {
    }

    /**
     * @param target the column as the change carries it (its kind says which text form the values are in)
     * @param source the column as the MySQL server defines it now
     */
    public static ColumnValue of(TableId table, TargetColumn target, SourceColumn source, ServerInfo server) {
        String name = source.name();
        String quoted = MySqlNames.quote(name);
        MySqlColumnType type = MySqlColumnType.parse(source.columnType());
        String display = table.toString();
        return switch (target.kind()) {
            case INTEGER -> plain(display, name, quoted, MySqlValues::integer);
            case DECIMAL -> decimal(display, name, quoted, type);
            case FLOAT -> singlePrecision(type)
                    ? plain(display, name, quoted, MySqlValues::float32)
                    : plain(display, name, quoted, MySqlValues::float64);
            case BOOLEAN -> plain(display, name, quoted, MySqlValues::bool);
            case BITS -> bits(display, name, quoted, type);
            case DATE -> plain(display, name, quoted, Temporals::date);
            case TIMESTAMP -> plain(display, name, quoted, text -> Temporals.dateTime(text, fsp(type)));
            case TIMESTAMPTZ -> plain(display, name, quoted, text -> Temporals.utcTimestamp(text, fsp(type)));
            case INTERVAL -> plain(display, name, quoted, text -> Temporals.time(text, fsp(type)));
            case TEXT -> new ColumnValue(display, name, "?", "CAST(CONVERT(" + quoted + " USING utf8mb4) AS BINARY)",
                    "CAST(? AS BINARY)", text -> text);
            case BYTES -> plain(display, name, quoted, MySqlValues::bytes);
            case JSON -> json(display, name, quoted, server);
            case GEOMETRY -> plain(display, name, quoted, MySqlValues::geometry);
        };
    }

    private static ColumnValue plain(String table, String name, String quoted, ColumnValue.Converter converter) {
        return new ColumnValue(table, name, "?", quoted, "?", converter);
    }

    /** A number literal: a {@code Long} when it fits, else a {@code BigDecimal} of scale 0 (plain digits). */
    static Object integer(String text) {
        if (text.isEmpty() || !isDigits(text, text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0)) {
            throw new IllegalArgumentException("'" + shortened(text) + "' is not an integer");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return new BigDecimal(new BigInteger(text));
        }
    }

    private static ColumnValue decimal(String table, String name, String quoted, MySqlColumnType type) {
        int precision = type.hasLength() ? type.length() : 10;
        int scale = Math.max(type.scale(), 0);
        String placeholder = "CAST(? AS DECIMAL(" + precision + "," + scale + "))";
        return new ColumnValue(table, name, placeholder, quoted, placeholder, text -> {
            BigDecimal value;
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                // PostgreSQL numeric also holds NaN (and, from 14, ±Infinity): MySQL DECIMAL has neither.
                throw new IllegalArgumentException("'" + shortened(text) + "' is not a number MySQL DECIMAL can hold");
            }
            if (value.scale() > scale && value.stripTrailingZeros().scale() > scale) {
                throw new IllegalArgumentException("the value has more than " + scale
                        + " decimal places; DECIMAL(" + precision + "," + scale + ") would round it");
            }
            if (value.precision() - value.scale() > precision - scale) {
                throw new IllegalArgumentException("the value has more than " + (precision - scale)
                        + " integer digits, beyond DECIMAL(" + precision + "," + scale + ")");
            }
            return value.toPlainString();
        });
    }

    /** MySQL FLOAT without a precision beyond 24 (and any FLOAT(M,D)) is four bytes, as the forward mapping says. */
    private static boolean singlePrecision(MySqlColumnType type) {
        return type.base().equals("float") && !(type.length() > 24 && type.scale() < 0);
    }

    static Object float32(String text) {
        float value = Float.parseFloat(finite(text));
        if (Float.isInfinite(value)) {
            throw new IllegalArgumentException("'" + shortened(text) + "' is beyond the range of FLOAT");
        }
        return keepingTheSignOfZero(value);
    }

    static Object float64(String text) {
        double value = Double.parseDouble(finite(text));
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("'" + shortened(text) + "' is beyond the range of DOUBLE");
        }
        return keepingTheSignOfZero(value);
    }

    /**
     * The value, except negative zero, which goes as the text {@code -0e0}: the drivers send a {@code Double} as
     * its decimal text ({@code -0.0}), which the server reads as a DECIMAL literal, and DECIMAL has no negative zero,
     * so a column holding {@code -0} came back as {@code 0} (found by the type round trip). The text is converted
     * to a double by the server, keeping the sign; compared with a number it is compared as a double, as before.
     */
    private static Object keepingTheSignOfZero(double value) {
        return value == 0 && Double.doubleToRawLongBits(value) != 0 ? "-0e0" : value;
    }

    /** Refuses NaN and the infinities, which PostgreSQL float types hold and MySQL's do not. */
    private static String finite(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("nan") || lower.contains("inf")) {
            throw new IllegalArgumentException("'" + shortened(text) + "' has no MySQL floating-point equivalent");
        }
        try {
            Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + shortened(text) + "' is not a number");
        }
        return text;
    }

    static Object bool(String text) {
        return switch (text) {
            case "t", "true" -> 1;
            case "f", "false" -> 0;
            default -> throw new IllegalArgumentException("'" + shortened(text) + "' is not a boolean");
        };
    }

    private static ColumnValue bits(String table, String name, String quoted, MySqlColumnType type) {
        int width = type.hasLength() ? type.length() : 1;
        String placeholder = "CAST(? AS UNSIGNED)";
        return new ColumnValue(table, name, placeholder, quoted, placeholder, text -> {
            if (text.length() != width || !text.chars().allMatch(c -> c == '0' || c == '1')) {
                throw new IllegalArgumentException("expected exactly " + width + " bits (0 or 1) for BIT(" + width
                        + "), got " + text.length() + " characters");
            }
            return new BigInteger(text, 2).toString();
        });
    }

    static Object bytes(String text) {
        try {
            return ByteaText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not bytea hex text: " + e.getMessage());
        }
    }

    static Object geometry(String text) {
        try {
            return Ewkb.toMySqlInternal(HexFormat.of().parseHex(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a geometry MySQL can store: " + e.getMessage());
        }
    }

    private static ColumnValue json(String table, String name, String quoted, ServerInfo server) {
        if (!server.isMariaDb()) {
            return new ColumnValue(table, name, "?", quoted, "CAST(? AS JSON)", text -> text);
        }
        return server.atLeast(10, 7)
                ? new ColumnValue(table, name, "?", "JSON_NORMALIZE(" + quoted + ")", "JSON_NORMALIZE(?)", text -> text)
                : new ColumnValue(table, name, "?", quoted, "?", text -> text);
    }

    private static int fsp(MySqlColumnType type) {
        return type.hasLength() ? type.length() : 0;
    }

    private static boolean isDigits(String text, int from) {
        if (from >= text.length()) {
            return false;
        }
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A value for a message: short ones whole, long ones cut, so a message never carries a whole document. */
    static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
