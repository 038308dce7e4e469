package io.tandem.engine.transform;

import io.tandem.engine.model.SourceColumn;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Translates a source column default into a PostgreSQL default expression, or reports that it cannot. Defaults do
 * not affect replicated values (every row arrives with all its values); they matter once applications write to
 * PostgreSQL, so an untranslatable one is noted rather than guessed.
 *
 * <p>The input follows {@link SourceColumn#defaultExpression()}: string literals in single quotes, numbers bare,
 * functions as the server reports them.
 */
final class DefaultTranslator {

    private static final Pattern NUMBER = Pattern.compile("^-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?$");
    private static final Pattern QUOTED = Pattern.compile("^'(?:[^']|'')*'$");
    private static final Pattern ZERO_DATE = Pattern.compile("^'0000-00-00.*'$");

    private DefaultTranslator() {
    }

    static String translate(SourceColumn column, PgType type, List<String> notes) {
        String expression = column.defaultExpression();
        if (expression == null || expression.equalsIgnoreCase("NULL")) {
            return null;
        }
        String lower = expression.toLowerCase(Locale.ROOT);
        if (lower.startsWith("current_timestamp") || lower.startsWith("now(") || lower.startsWith("localtimestamp")) {
            return "CURRENT_TIMESTAMP";
        }
        if (ZERO_DATE.matcher(expression).matches()) {
            notes.add("column " + column.name() + " defaults to a zero date, which PostgreSQL cannot hold; no default set");
            return null;
        }
        if (NUMBER.matcher(expression).matches() && type.kind() != ValueKind.BYTES && type.kind() != ValueKind.BITS) {
            return type.kind() == ValueKind.BOOLEAN ? (expression.equals("0") ? "false" : "true") : expression;
        }
        if (QUOTED.matcher(expression).matches() && type.kind() != ValueKind.BYTES && type.kind() != ValueKind.BITS) {
            // Both dialects write a quote inside a literal as two quotes; backslashes are escapes only in MySQL.
            if (expression.indexOf('\\') >= 0) {
                notes.add("column " + column.name() + " default " + expression + " contains a backslash; no default set");
                return null;
            }
            return expression;
        }
        notes.add("column " + column.name() + " default " + expression + " is not translated; set it on PostgreSQL by hand");
        return null;
    }
}
