package io.tandem.connectors.postgres.stream;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type as Debezium names it when it propagates source types ({@code column.propagate.source.type}):
 * PostgreSQL's internal type name upper-cased ({@code INT4}, {@code VARCHAR}, {@code TIMESTAMPTZ}) with the
 * declared length (characters, bits, numeric precision) and scale (numeric scale, fractional-second digits) from the
 * type modifier. tandem's definitions spell types as DDL ({@code integer}, {@code varchar(12)},
 * {@code timestamp(6) with time zone}); {@link #of(String)} reads that spelling into the same form, so a column whose
 * type changed on PostgreSQL is noticed before its values are read with the old meaning (a wider scale would be
 * rounded by MySQL without an error).
 *
 * @param length null where the definition does not fix it (then it is not compared)
 * @param scale null where the definition does not fix it
 */
record PgColumnType(String name, Integer length, Integer scale) {

    static final String TYPE_PARAMETER = "__debezium.source.column.type";
    static final String LENGTH_PARAMETER = "__debezium.source.column.length";
    static final String SCALE_PARAMETER = "__debezium.source.column.scale";

    private static final Pattern DDL = Pattern.compile(
            "([a-z ]+?)\\s*(?:\\((\\d+)(?:\\s*,\\s*(\\d+))?\\))?\\s*(with(?:out)? time zone)?");
    private static final Map<String, String> INTERNAL_NAMES = Map.ofEntries(
            Map.entry("smallint", "INT2"), Map.entry("integer", "INT4"), Map.entry("int", "INT4"),
            Map.entry("bigint", "INT8"), Map.entry("real", "FLOAT4"), Map.entry("double precision", "FLOAT8"),
            Map.entry("boolean", "BOOL"), Map.entry("decimal", "NUMERIC"), Map.entry("character varying", "VARCHAR"),
            Map.entry("character", "BPCHAR"), Map.entry("char", "BPCHAR"), Map.entry("bit varying", "VARBIT"));

    /** The type a definition's DDL spelling names; unknown spellings compare by their upper-cased first word. */
    static PgColumnType of(String ddl) {
        String text = ddl.trim().toLowerCase(Locale.ROOT);
        Matcher m = DDL.matcher(text);
        if (!m.matches()) {
            return new PgColumnType(text.split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT), null, null);
        }
        String base = m.group(1).trim();
        Integer first = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer second = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        if (base.equals("timestamp")) {
            // timestamp without a precision keeps microseconds: scale 6
            String name = "with time zone".equals(m.group(4)) ? "TIMESTAMPTZ" : "TIMESTAMP";
            return new PgColumnType(name, null, first == null ? 6 : first);
        }
        String name = INTERNAL_NAMES.getOrDefault(base, base.toUpperCase(Locale.ROOT));
        return switch (name) {
            case "NUMERIC" -> new PgColumnType(name, first, first == null ? null : second == null ? 0 : second);
            case "VARCHAR", "BPCHAR", "BIT", "VARBIT" -> new PgColumnType(name, first, null);
            default -> new PgColumnType(name, null, null);
        };
    }

    /** How the Debezium field's parameters differ from this type, or null when they agree (or say nothing). */
    String difference(Map<String, String> parameters) {
        if (parameters == null || parameters.get(TYPE_PARAMETER) == null) {
            return null;
        }
        String actualName = parameters.get(TYPE_PARAMETER);
        String actualLength = parameters.get(LENGTH_PARAMETER);
        String actualScale = parameters.get(SCALE_PARAMETER);
        boolean differs = !name.equals(actualName)
                || length != null && !length.toString().equals(actualLength)
                || scale != null && !scale.toString().equals(actualScale);
        return differs ? "now " + actualName + "(" + actualLength + "," + actualScale + "), tandem's definition "
                + name + "(" + (length == null ? "any" : length) + "," + (scale == null ? "any" : scale) + ")" : null;
    }
}
