package io.tandem.sink.mysql.values;

/**
 * Checks of the PostgreSQL text of dates, times and intervals before they are handed to MySQL as text. MySQL reads
 * these forms exactly; what it cannot hold is refused here with the reason: PostgreSQL's {@code infinity} and
 * {@code -infinity}, BC dates, years beyond 9999, more fractional digits than the column keeps (MySQL would round
 * them), intervals that are not a plain {@code H:mm:ss}. Ranges narrower than these forms (TIMESTAMP's 1970–2038,
 * TIME's ±838:59:59) are refused by the server under the strict {@code sql_mode} the session runs with.
 *
 * <p>{@code -infinity} is also what the forward zero-date policy writes for a zero date in a NOT NULL column; it is
 * refused all the same rather than turned back into {@code 0000-00-00}, because the original (which may have been
 * {@code 2024-00-15}) is not known, and a real {@code -infinity} written on PostgreSQL would be changed silently.
 */
final class Temporals {

    private static final int DATE_LENGTH = 10;

    private Temporals() {
    }

    /** {@code yyyy-MM-dd}. */
    static Object date(String text) {
        if (!isDate(text, 0) || text.length() != DATE_LENGTH) {
            throw refused(text, "a date");
        }
        return text;
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.f…]} with at most {@code fsp} significant fractional digits. */
    static Object dateTime(String text, int fsp) {
        if (!isDate(text, 0) || text.length() < DATE_LENGTH + 9 || text.charAt(DATE_LENGTH) != ' '
                || !isClock(text, DATE_LENGTH + 1, fsp)) {
            throw refused(text, "a date and time with at most " + fsp + " fractional digits");
        }
        return text;
    }

    /** An instant in UTC, {@code yyyy-MM-dd HH:mm:ss[.f…]+00}, written as the wall time of a UTC session. */
    static Object utcTimestamp(String text, int fsp) {
        if (!text.endsWith("+00")) {
            throw refused(text, "a UTC timestamp ending in +00");
        }
        return dateTime(text.substring(0, text.length() - 3), fsp);
    }

    /** {@code [-]H:mm:ss[.f…]}, hours at most 838 (MySQL TIME's range). */
    static Object time(String text, int fsp) {
        int start = text.startsWith("-") ? 1 : 0;
        int colon = text.indexOf(':', start);
        if (colon <= start || colon - start > 3 || !digits(text, start, colon) || !isClockMinutes(text, colon, fsp)) {
            throw refused(text, "an elapsed time [-]H:mm:ss with at most " + fsp + " fractional digits");
        }
        if (Integer.parseInt(text.substring(start, colon)) > 838) {
            throw new IllegalArgumentException("'" + text + "' is beyond MySQL TIME's range of ±838:59:59");
        }
        return text;
    }

    private static boolean isDate(String text, int at) {
        return text.length() >= at + DATE_LENGTH && digits(text, at, at + 4) && text.charAt(at + 4) == '-'
                && digits(text, at + 5, at + 7) && text.charAt(at + 7) == '-' && digits(text, at + 8, at + 10);
    }

    /** {@code HH:mm:ss[.f…]} from {@code at} to the end. */
    private static boolean isClock(String text, int at, int fsp) {
        return text.length() >= at + 2 && digits(text, at, at + 2) && isClockMinutes(text, at + 2, fsp);
    }

    /** {@code :mm:ss[.f…]} from {@code at} (the first colon) to the end. */
    private static boolean isClockMinutes(String text, int at, int fsp) {
        if (text.length() < at + 6 || text.charAt(at) != ':' || !digits(text, at + 1, at + 3)
                || text.charAt(at + 3) != ':' || !digits(text, at + 4, at + 6)) {
            return false;
        }
        int end = at + 6;
        if (end == text.length()) {
            return true;
        }
        if (text.charAt(end) != '.' || !digits(text, end + 1, text.length())) {
            return false;
        }
        int significant = text.length() - end - 1;
        while (significant > 0 && text.charAt(end + significant) == '0') {
            significant--;
        }
        return significant <= fsp;
    }

    private static boolean digits(String text, int from, int to) {
        if (from >= to || to > text.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException refused(String text, String expected) {
        return new IllegalArgumentException("'" + MySqlValues.shortened(text) + "' is not " + expected
                + " that MySQL can hold");
    }
}
