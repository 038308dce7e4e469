package io.tandem.connectors.mysql.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits MySQL DDL text into tokens: words, quoted identifiers ({@code `a``b`} → {@code a`b}), string literals,
 * and single punctuation characters. Comments are dropped; the body of a versioned comment ({@code /*!80000 … *}{@code /})
 * is kept, since the server executes it. Just enough lexing to find names in a statement without being fooled by
 * quotes, comments or names that look like keywords; it does not validate the statement.
 */
final class DdlTokens {

    enum Kind { WORD, QUOTED_IDENTIFIER, STRING, PUNCTUATION }

    record Token(Kind kind, String text) {

        /** A keyword match: only bare words can be keywords, compared ignoring case. */
        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isPunctuation(char c) {
            return kind == Kind.PUNCTUATION && text.charAt(0) == c;
        }

        /** Whether this token can name a table, column or index. */
        boolean isIdentifier() {
            return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private DdlTokens() {
    }

    static List<Token> of(String ddl) throws DdlParseException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = ddl.length();
        while (i < n) {
            char c = ddl.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || c == '-' && ddl.startsWith("-- ", i) || ddl.startsWith("--\n", i)
                    || ddl.startsWith("--\t", i) || c == '-' && i + 2 == n && ddl.startsWith("--", i)) {
                int end = ddl.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (ddl.startsWith("/*!", i)) {
                i += 3;
                while (i < n && Character.isDigit(ddl.charAt(i))) {
                    i++;
                }
            } else if (ddl.startsWith("/*", i)) {
                int end = ddl.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (ddl.startsWith("*/", i)) {
                i += 2; // the end of a versioned comment
            } else if (c == '`') {
                i = quoted(ddl, i, '`', Kind.QUOTED_IDENTIFIER, tokens, false);
            } else if (c == '\'' || c == '"') {
                // Under ANSI_QUOTES "…" is an identifier; either way it is one token, and names are looked up
                // only where the grammar expects them.
                i = quoted(ddl, i, c, c == '"' ? Kind.QUOTED_IDENTIFIER : Kind.STRING, tokens, true);
            } else if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(ddl.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, ddl.substring(start, i)));
            } else {
                tokens.add(new Token(Kind.PUNCTUATION, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    /** Letters, digits, {@code _} and {@code $}, and any non-ASCII character, as in unquoted MySQL identifiers. */
    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                || c > 0x7f;
    }

    /** A quoted token; the quote doubled stands for itself, and in strings a backslash escapes the next char. */
    private static int quoted(String ddl, int start, char quote, Kind kind, List<Token> tokens, boolean backslash)
            throws DdlParseException {
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        int n = ddl.length();
        while (i < n) {
            char c = ddl.charAt(i);
            if (backslash && c == '\\' && i + 1 < n) {
                text.append(ddl.charAt(i + 1));
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && ddl.charAt(i + 1) == quote) {
                    text.append(quote);
                    i += 2;
                } else {
                    tokens.add(new Token(kind, text.toString()));
                    return i + 1;
                }
            } else {
                text.append(c);
                i++;
            }
        }
        throw new DdlParseException("unterminated " + quote + " quote from character " + (start + 1));
    }
}
