package io.tandem.sink.postgres.sql;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The type a bound text value is cast to before it reaches a column: the column's type without its modifier.
 *
 * <p>An explicit cast to a type with a length silently truncates or pads ({@code CAST('abcd' AS varchar(3))} is
 * {@code 'abc'}, and {@code bit(n)} pads), while storing into the column applies the modifier as an assignment and
 * refuses a value that does not fit, the way COPY does. So values are cast to the unbounded type and the column
 * itself checks them. {@code character} and {@code bit} without a length mean length 1, so they become
 * {@code bpchar} and {@code bit varying}.
 */
public final class CastTypes {

    private static final Pattern MODIFIER = Pattern.compile("\\s*\\([^)]*\\)");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private CastTypes() {
    }

    public static String unbounded(String pgType) {
        String type = SPACES.matcher(MODIFIER.matcher(pgType).replaceAll("")).replaceAll(" ").trim();
        String array = "";
        while (type.endsWith("[]")) {
            array += "[]";
            type = type.substring(0, type.length() - 2).trim();
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "character", "char" -> "bpchar" + array;
            case "bit" -> "bit varying" + array;
            default -> type + array;
        };
    }
}
