package io.tandem.connectors.mysql.snapshot;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.transform.MySqlColumnType;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.values.RowPolicies;
import java.sql.ResultSet;
import java.util.Locale;

/**
 * One column of the snapshot query: the expression in the SELECT list and the reader for its result.
 *
 * <p>Each expression is chosen so the server sends text the reader can use without the driver interpreting it:
 * <ul>
 *   <li>DATE, DATETIME, TIMESTAMP, TIME: {@code CAST(c AS CHAR)}, so zero dates and times beyond 24 hours reach
 *       tandem as the server prints them (TIMESTAMP in the session time zone, which is UTC);</li>
 *   <li>FLOAT: {@code c * 1e0}, because the server prints FLOAT with only 6 significant digits but DOUBLE with
 *       enough to round-trip, and widening a float to a double is exact; rendered as a float for {@code real}
 *       and as the (same) double for {@code double precision};</li>
 *   <li>YEAR and BIT read as numbers: {@code CAST(c AS UNSIGNED)};</li>
 *   <li>everything else: the column itself.</li>
 * </ul>
 */
record SelectedColumn(String expression, ColumnReader reader) {

    static SelectedColumn of(SourceColumn source, TargetColumn target, RowPolicies policies) {
        String column = MySqlNames.quote(source.name());
        String base = baseType(source.columnType());
        return switch (target.kind()) {
            case INTEGER, DECIMAL -> base.equals("year") || base.equals("bit")
                    ? new SelectedColumn("CAST(" + column + " AS UNSIGNED)", ResultSet::getString)
                    : new SelectedColumn(column, ResultSet::getString);
            case FLOAT -> base.equals("float")
                    ? new SelectedColumn(column + " * 1e0",
                            singlePrecision(source, target) ? ColumnReaders::real : ColumnReaders::doublePrecision)
                    : new SelectedColumn(column, ColumnReaders::doublePrecision);
            case BOOLEAN -> base.equals("bit")
                    ? new SelectedColumn(column, ColumnReaders::bitBoolean)
                    : new SelectedColumn(column, ColumnReaders::numberBoolean);
            case BITS -> new SelectedColumn(column, ColumnReaders.bits(bitWidth(source.columnType())));
            case DATE, TIMESTAMP -> new SelectedColumn(asChar(column), ColumnReaders.date(policies, target));
            case TIMESTAMPTZ -> new SelectedColumn(asChar(column), ColumnReaders.utcTimestamp(policies, target));
            case INTERVAL -> new SelectedColumn(asChar(column), ResultSet::getString);
            case TEXT -> new SelectedColumn(column, ColumnReaders.text(policies, target));
            case BYTES -> new SelectedColumn(column, ColumnReaders::bytes);
            case GEOMETRY -> new SelectedColumn(column, ColumnReaders::geometry);
            case JSON -> new SelectedColumn(column, ColumnReaders.json(policies, target));
        };
    }

    /**
     * Whether a FLOAT is single precision, as the mapping decided ({@code real}); a column whose type the config
     * overrides is rendered in the mapped type's text form all the same, so the rule is read from the source type.
     */
    private static boolean singlePrecision(SourceColumn source, TargetColumn target) {
        if (target.override() == null) {
            return target.pgType().equals("real");
        }
        MySqlColumnType type = MySqlColumnType.parse(source.columnType());
        return !(type.length() > 24 && type.scale() < 0);
    }

    private static String asChar(String column) {
        return "CAST(" + column + " AS CHAR)";
    }

    /** {@code bigint(20) unsigned} → {@code bigint}. */
    static String baseType(String columnType) {
        String lower = columnType.toLowerCase(Locale.ROOT).trim();
        int end = lower.length();
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '(' || c == ' ') {
                end = i;
                break;
            }
        }
        return lower.substring(0, end);
    }

    /** {@code bit(10)} → 10; plain {@code bit} is BIT(1). */
    static int bitWidth(String columnType) {
        int open = columnType.indexOf('(');
        int close = columnType.indexOf(')', open + 1);
        if (open < 0 || close < 0) {
            return 1;
        }
        return Integer.parseInt(columnType.substring(open + 1, close).trim());
    }
}
