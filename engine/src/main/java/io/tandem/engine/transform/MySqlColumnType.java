package io.tandem.engine.transform;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MySQL/MariaDB column type parsed from its full text ({@code information_schema.COLUMNS.COLUMN_TYPE}), e.g.
 * {@code bigint(20) unsigned zerofill} → base {@code bigint}, unsigned, zerofill, length 20.
 *
 * @param length the first argument (display width, character length, precision, fsp), or -1 when absent
 * @param scale the second argument (decimal scale), or -1 when absent
 */
public record MySqlColumnType(String base, boolean unsigned, boolean zerofill, int length, int scale) {

    private static final Pattern SHAPE = Pattern.compile("^\\s*([a-zA-Z0-9_ ]+?)\\s*(?:\\((.*)\\))?((?:\\s+\\w+)*)\\s*$");
    private static final Pattern NUMERIC_ARGS = Pattern.compile("^\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?$");

    public static MySqlColumnType parse(String columnType) {
        Matcher shape = SHAPE.matcher(columnType);
        if (!shape.matches()) {
            throw new UnsupportedTypeException("cannot parse column type '" + columnType + "'");
        }
        String base = shape.group(1).toLowerCase(Locale.ROOT).trim();
        String args = shape.group(2);
        String attributes = shape.group(3) == null ? "" : shape.group(3).toLowerCase(Locale.ROOT);
        int length = -1;
        int scale = -1;
        // ENUM and SET carry their labels as arguments; those are read from SourceColumn.enumValues instead.
        if (args != null && !base.equals("enum") && !base.equals("set")) {
            Matcher numbers = NUMERIC_ARGS.matcher(args);
            if (!numbers.matches()) {
                throw new UnsupportedTypeException("cannot parse the arguments of column type '" + columnType + "'");
            }
            length = Integer.parseInt(numbers.group(1));
            scale = numbers.group(2) == null ? -1 : Integer.parseInt(numbers.group(2));
        }
        return new MySqlColumnType(base, attributes.contains("unsigned"), attributes.contains("zerofill"), length, scale);
    }

    public boolean hasLength() {
        return length >= 0;
    }
}
