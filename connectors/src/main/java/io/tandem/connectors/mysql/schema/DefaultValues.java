package io.tandem.connectors.mysql.schema;

import io.tandem.connectors.mysql.jdbc.Flavor;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Brings {@code information_schema.COLUMNS.COLUMN_DEFAULT} into one form for both servers: the default as MySQL
 * SQL text, the way MariaDB (10.2.7 and later) prints it.
 * <ul>
 *   <li>{@code null}: the column has no default, or its default is NULL;</li>
 *   <li>a string literal (also for temporal, ENUM/SET and binary columns) in single quotes, a quote doubled and a
 *       backslash escaped: {@code 'abc'}, {@code 'it''s'}, {@code 'a\\b'}, {@code '2024-01-01 00:00:00'};
 *       control characters as {@code \0 \n \r \Z} (MariaDB may also print {@code \t} or {@code \b});</li>
 *   <li>a numeric literal bare: {@code 0}, {@code -1.50}, {@code 1e10}; a bit literal {@code b'101'}; a hex
 *       literal {@code 0x0a1b};</li>
 *   <li>an expression bare: {@code current_timestamp()}, {@code current_timestamp(6)}, {@code uuid()}.</li>
 * </ul>
 * So a default is a string literal exactly when it starts with a quote. MariaDB already reports this form
 * (except NULL, which it reports as the text {@code NULL}); MySQL reports literals unquoted and marks
 * expressions with {@code DEFAULT_GENERATED} in {@code EXTRA}, so its values are quoted here by data type.
 */
final class DefaultValues {

    private static final Set<String> NUMERIC_TYPES = Set.of(
            "tinyint", "smallint", "mediumint", "int", "integer", "bigint",
            "decimal", "numeric", "float", "double", "real", "year");

    private static final Pattern CURRENT_TIMESTAMP =
            Pattern.compile("(?i)current_timestamp(\\(\\d*\\))?|now\\(\\d*\\)|localtime(stamp)?(\\(\\d*\\))?");
    private static final Pattern BIT_LITERAL = Pattern.compile("(?i)b'[01]*'");
    private static final Pattern HEX_LITERAL = Pattern.compile("(?i)0x[0-9a-f]*");

    private DefaultValues() {
    }

    /**
     * @param dataType {@code information_schema.COLUMNS.DATA_TYPE}, e.g. {@code varchar}
     * @param columnDefault {@code COLUMN_DEFAULT} as the server reports it
     * @param extra {@code EXTRA}
     */
    static String normalize(Flavor flavor, String dataType, String columnDefault, String extra) {
        if (columnDefault == null) {
            return null;
        }
        if (flavor == Flavor.MARIADB) {
            return columnDefault.equals("NULL") ? null : columnDefault;
        }
        return normalizeMySql(dataType.toLowerCase(Locale.ROOT), columnDefault, extra == null ? "" : extra);
    }

    private static String normalizeMySql(String dataType, String value, String extra) {
        boolean expression = extra.toUpperCase(Locale.ROOT).contains("DEFAULT_GENERATED");
        if (CURRENT_TIMESTAMP.matcher(value).matches() && (expression || isTemporal(dataType))) {
            // MySQL 5.7 does not flag CURRENT_TIMESTAMP as DEFAULT_GENERATED; both spell it upper-case.
            String lower = value.toLowerCase(Locale.ROOT);
            return lower.endsWith(")") ? lower : lower + "()";
        }
        if (expression) {
            return value;
        }
        if (NUMERIC_TYPES.contains(dataType)) {
            return value;
        }
        if (dataType.equals("bit") && BIT_LITERAL.matcher(value).matches()) {
            return value;
        }
        if (isBinary(dataType) && HEX_LITERAL.matcher(value).matches()) {
            return value;
        }
        return quote(value);
    }

    /** Quotes a raw value the way MariaDB prints a string default. */
    static String quote(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 2).append('\'');
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '\'' -> out.append("''");
                case '\\' -> out.append("\\\\");
                case '\0' -> out.append("\\0");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\u001a' -> out.append("\\Z");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private static boolean isTemporal(String dataType) {
        return dataType.equals("timestamp") || dataType.equals("datetime");
    }

    private static boolean isBinary(String dataType) {
        return dataType.equals("binary") || dataType.equals("varbinary") || dataType.endsWith("blob");
    }
}
