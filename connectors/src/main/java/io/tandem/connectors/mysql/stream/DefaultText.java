package io.tandem.connectors.mysql.stream;

import java.util.Locale;
import java.util.Set;

/**
 * Brings a default from Debezium's DDL parser ({@code defaultValueExpression}) into the form
 * {@link io.tandem.engine.model.SourceColumn#defaultExpression()} uses for defaults read from the server: string
 * literals quoted, numbers bare, expressions as functions. The parser strips the outer quotes of string literals,
 * writes bit literals as bare digits, keeps TRUE/FALSE as words, turns {@code CURRENT_TIMESTAMP}/{@code NOW()}
 * into the text {@code 1970-01-01 00:00:00} and other expressions into no default; so the quoting is decided by
 * the column's type here.
 */
final class DefaultText {

    private static final Set<String> NUMERIC = Set.of("tinyint", "smallint", "mediumint", "int", "bigint", "decimal",
            "float", "double", "year");
    private static final Set<String> DATE_TIMES = Set.of("datetime", "timestamp");
    private static final String CURRENT_TIMESTAMP_AS_PARSED = "1970-01-01 00:00:00";

    private DefaultText() {
    }

    /** @param columnType the {@link ColumnTypeText} form of the column's type */
    static String of(String columnType, String parsed) {
        if (parsed == null) {
            return null;
        }
        String base = columnType.split("[ (]", 2)[0].toLowerCase(Locale.ROOT);
        if (NUMERIC.contains(base)) {
            return switch (parsed.toUpperCase(Locale.ROOT)) {
                case "TRUE" -> "1";
                case "FALSE" -> "0";
                default -> parsed;
            };
        }
        if (base.equals("bit")) {
            return "b'" + parsed + "'";
        }
        if (DATE_TIMES.contains(base) && parsed.equals(CURRENT_TIMESTAMP_AS_PARSED)) {
            // The parser's stand-in for CURRENT_TIMESTAMP; a literal epoch default is far rarer than that.
            return "current_timestamp()";
        }
        // The parser drops only the outer quotes: escapes inside ('' and \') are still as the DDL wrote them.
        return "'" + parsed + "'";
    }
}
