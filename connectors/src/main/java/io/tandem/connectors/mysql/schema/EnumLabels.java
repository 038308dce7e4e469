package io.tandem.connectors.mysql.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the labels of an ENUM or SET out of {@code COLUMN_TYPE}, e.g. {@code enum('a','it''s','')}.
 *
 * <p>The server prints each label as a quoted literal with a quote doubled ({@code ''}) and a backslash and
 * control characters escaped ({@code \\}, {@code \0}, {@code \n}, {@code \r}, {@code \Z}); labels may contain
 * commas and parentheses, so the text is scanned literal by literal rather than split.
 */
final class EnumLabels {

    private EnumLabels() {
    }

    /** The labels in definition order, or an empty list when the type is not ENUM or SET. */
    static List<String> parse(String columnType) {
        String lower = columnType.toLowerCase(Locale.ROOT);
        int open = lower.indexOf('(');
        if (open < 0 || !(lower.startsWith("enum(") || lower.startsWith("set("))) {
            return List.of();
        }
        List<String> labels = new ArrayList<>();
        int i = open + 1;
        while (i < columnType.length() && columnType.charAt(i) == '\'') {
            StringBuilder label = new StringBuilder();
            i = readLiteral(columnType, i + 1, label);
            labels.add(label.toString());
            if (i < columnType.length() && columnType.charAt(i) == ',') {
                i++;
            }
        }
        if (i >= columnType.length() || columnType.charAt(i) != ')') {
            throw new IllegalArgumentException("cannot read the labels of column type " + columnType);
        }
        return labels;
    }

    /** Reads one literal's body starting after its opening quote; returns the index after its closing quote. */
    private static int readLiteral(String text, int start, StringBuilder out) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    out.append('\'');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length()) {
                out.append(unescape(text.charAt(i + 1)));
                i += 2;
                continue;
            }
            out.append(c);
            i++;
        }
        throw new IllegalArgumentException("unterminated label in column type " + text);
    }

    static char unescape(char escaped) {
        return switch (escaped) {
            case '0' -> '\0';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'Z' -> '\u001a';
            default -> escaped; // \\ \' \" and any other character stand for themselves
        };
    }
}
