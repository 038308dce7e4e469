package io.tandem.engine.transform;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks that keep an override's SQL inside its slot. The type is pasted where a type goes
 * ({@code CAST(x AS type)}, {@code CREATE TABLE}), the expression inside parentheses; both are trusted config, but a
 * typo must give an error naming the key, never a statement that means something else. So the type must be a type
 * name (words, an optional schema, one {@code (n[,m])}, {@code []}), and the expression must be balanced, with no
 * statement separator, comment, dollar quote, escape string or JDBC placeholder that could end or hide its slot.
 * PostgreSQL then checks both against the target before any data moves.
 */
public final class OverrideSql {

    private static final String WORD = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern TYPE = Pattern.compile(WORD + "(?:\\." + WORD + ")?(?:\\s+" + WORD + ")*"
            + "(?:\\s*\\(\\s*\\d+(?:\\s*,\\s*\\d+)?\\s*\\))?(?:\\s+" + WORD + ")*(?:\\s*\\[\\s*])*");

    private OverrideSql() {
    }

    /** Why {@code type} cannot be used, or empty when it can. */
    public static Optional<String> typeProblem(String type) {
        if (type.isBlank()) {
            return Optional.of("must not be empty; give the PostgreSQL type of the target column, e.g. boolean");
        }
        if (!TYPE.matcher(type.trim()).matches()) {
            return Optional.of("must be a PostgreSQL type name such as boolean, jsonb, numeric(12,2), "
                    + "timestamp(3) with time zone or myschema.mytype, got \"" + type + "\"");
        }
        return Optional.empty();
    }

    /** Why {@code using} cannot be used, or empty when it can. */
    public static Optional<String> usingProblem(String using) {
        if (using.isBlank()) {
            return Optional.of("must not be empty; leave using out to cast the value to the type");
        }
        int depth = 0;
        boolean mentionsValue = false;
        int i = 0;
        while (i < using.length()) {
            char c = using.charAt(i);
            if (c == '\'') {
                if (startsEscapeString(using, i)) {
                    return Optional.of("must not use E'…' escape strings; write a standard '…' string");
                }
                i = endOfQuoted(using, i, '\'');
                if (i < 0) {
                    return Optional.of("has an unterminated '…' string");
                }
            } else if (c == '"') {
                i = endOfQuoted(using, i, '"');
                if (i < 0) {
                    return Optional.of("has an unterminated \"…\" identifier");
                }
            } else if (c == ';') {
                return Optional.of("must be one expression, without ;");
            } else if (c == '$') {
                return Optional.of("must not contain $ (dollar quotes and parameters are not allowed)");
            } else if (c == '?') {
                return Optional.of("must not contain ? outside a string (JDBC reads it as a parameter); use the "
                        + "function form of the operator, e.g. jsonb_exists(a, b) for a ? b");
            } else if (using.startsWith("--", i) || using.startsWith("/*", i)) {
                return Optional.of("must not contain comments");
            } else if (c == '(' || c == ')') {
                depth += c == '(' ? 1 : -1;
                if (depth < 0) {
                    return Optional.of("closes a parenthesis it did not open");
                }
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < using.length() && isIdentifierPart(using.charAt(end))) {
                    end++;
                }
                boolean qualified = i > 0 && using.charAt(i - 1) == '.';
                mentionsValue |= !qualified && using.substring(i, end).toLowerCase(Locale.ROOT).equals("value");
                i = end;
            } else {
                i++;
            }
        }
        if (depth != 0) {
            return Optional.of("leaves a parenthesis open");
        }
        if (!mentionsValue) {
            return Optional.of("does not use value (the source value's text), e.g. to_timestamp(value::bigint)");
        }
        return Optional.empty();
    }

    /** {@code E'} or {@code e'} where the letter starts a token: a string in which a backslash escapes a quote. */
    private static boolean startsEscapeString(String text, int quote) {
        if (quote == 0 || Character.toLowerCase(text.charAt(quote - 1)) != 'e') {
            return false;
        }
        return quote < 2 || !isIdentifierPart(text.charAt(quote - 2));
    }

    /** The index after the closing quote (a doubled quote is part of the text), or -1 when it never closes. */
    private static int endOfQuoted(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
