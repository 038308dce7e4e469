package io.tandem.connectors.mysql.stream;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a column's type change can be applied on the target with PostgreSQL's cast and give every row the value
 * MySQL gives it: only changes that widen the type qualify, since then every old value is kept as it is. A
 * narrowing or converting change (a lower scale rounds, a shorter text truncates or fails, a number becomes text)
 * is decided by MySQL's conversion rules, which PostgreSQL's casts do not reproduce; the table is then copied again
 * instead (resync), which takes the result from the source itself.
 */
public final class ExactTypeChange {

    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
    private static final Pattern VARCHAR = Pattern.compile("varchar\\((\\d+)\\)");
    private static final Pattern TIMESTAMP = Pattern.compile("timestamp\\((\\d)\\) (with|without) time zone");

    private ExactTypeChange() {
    }

    public static boolean widens(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        if (INTEGERS.contains(from)) {
            return INTEGERS.contains(to) ? INTEGERS.indexOf(to) > INTEGERS.indexOf(from)
                    : holdsIntegers(to, integerDigits(from));
        }
        Matcher numericFrom = NUMERIC.matcher(from);
        Matcher numericTo = NUMERIC.matcher(to);
        if (numericFrom.matches() && numericTo.matches()) {
            int fromScale = Integer.parseInt(numericFrom.group(2));
            int toScale = Integer.parseInt(numericTo.group(2));
            int fromWhole = Integer.parseInt(numericFrom.group(1)) - fromScale;
            int toWhole = Integer.parseInt(numericTo.group(1)) - toScale;
            return toScale >= fromScale && toWhole >= fromWhole;
        }
        if (from.equals("real")) {
            return to.equals("double precision");
        }
        Matcher varcharFrom = VARCHAR.matcher(from);
        if (varcharFrom.matches()) {
            Matcher varcharTo = VARCHAR.matcher(to);
            return to.equals("text")
                    || varcharTo.matches() && Integer.parseInt(varcharTo.group(1)) >= Integer.parseInt(varcharFrom.group(1));
        }
        Matcher timestampFrom = TIMESTAMP.matcher(from);
        Matcher timestampTo = TIMESTAMP.matcher(to);
        return timestampFrom.matches() && timestampTo.matches()
                && timestampFrom.group(2).equals(timestampTo.group(2))
                && Integer.parseInt(timestampTo.group(1)) >= Integer.parseInt(timestampFrom.group(1));
    }

    /** Whether a numeric type holds every integer of {@code digits} digits. */
    private static boolean holdsIntegers(String type, int digits) {
        Matcher numeric = NUMERIC.matcher(type);
        return numeric.matches() && Integer.parseInt(numeric.group(1)) - Integer.parseInt(numeric.group(2)) >= digits;
    }

    private static int integerDigits(String type) {
        return switch (type) {
            case "smallint" -> 5;
            case "integer" -> 10;
            default -> 19;
        };
    }
}
