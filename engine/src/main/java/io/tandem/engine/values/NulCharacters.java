package io.tandem.engine.values;

/** Finding and removing U+0000, which no PostgreSQL character type and no jsonb value can hold. */
public final class NulCharacters {

    private static final String JSON_NUL_ESCAPE = "\\u0000";

    private NulCharacters() {
    }

    public static String strip(String text) {
        return text.replace("\0", "");
    }

    /**
     * Whether a JSON text contains the escape {@code \\u0000} (jsonb rejects it) or a raw U+0000. A backslash
     * that is itself escaped ({@code \\\\u0000}) is text, not an escape.
     */
    public static boolean hasJsonNul(String json) {
        if (json.indexOf('\0') >= 0) {
            return true;
        }
        for (int i = json.indexOf('\\'); i >= 0 && i < json.length() - 1; i++) {
            if (json.charAt(i) != '\\') {
                continue;
            }
            if (json.startsWith("u0000", i + 1)) {
                return true;
            }
            i++; // skip the escaped character, so "\\" does not start another escape
        }
        return false;
    }

    /** Removes every {@code \\u0000} escape and raw U+0000; escaped backslashes and other escapes stay. */
    public static String stripJson(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\0') {
                continue;
            }
            if (c == '\\' && i + 1 < json.length()) {
                if (json.startsWith(JSON_NUL_ESCAPE, i)) {
                    i += JSON_NUL_ESCAPE.length() - 1;
                    continue;
                }
                out.append(c).append(json.charAt(++i));
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The value with U+0000 shown as {@code \0}, for dead letters and messages. */
    public static String printable(String text) {
        return text.replace("\0", "\\0");
    }
}
