package io.tandem.connectors.mysql.snapshot;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.engine.model.TableId;
import io.tandem.engine.values.NulCharacters;
import io.tandem.engine.values.PolicyFailure;

/** Turns a value whose policy is {@code fail} into the error an operator reads: what, where, and the fixes. */
final class Rejections {

    private static final int SHOWN_CHARS = 60;

    private Rejections() {
    }

    static UnstorableValueException describe(TableId table, String rowKey, PolicyFailure failure) {
        String column = failure.column();
        String where = table + " column " + column + " (" + rowKey + ")";
        String target = MySqlNames.quote(table);
        String col = MySqlNames.quote(column);
        String message = failure.key() ? inKey(where, failure) : switch (failure.issue()) {
            case ZERO_DATE -> where + " holds " + MySqlNames.literal(failure.original())
                    + ", a date with a zero year, month or day, which PostgreSQL cannot store."
                    + " Fix: on the source, UPDATE " + target + " SET " + col + " = NULL WHERE " + col + " = "
                    + MySqlNames.literal(failure.original()) + " (or set a real date where the column is NOT NULL),"
                    + " or set values.zero-dates: null, infinity or dead-letter.";
            case NUL_CHARACTER -> failure.json()
                    ? where + " holds JSON with the escape \\u0000, which PostgreSQL jsonb cannot store: "
                            + shown(failure.original()) + ". Fix: on the source, rewrite the document without it,"
                            + " or set values.nul-characters: strip or dead-letter."
                    : where + " holds text with the character U+0000 (NUL), which PostgreSQL text cannot store: "
                            + shown(failure.original()) + ". Fix: on the source, remove it, e.g. UPDATE " + target
                            + " SET " + col + " = REPLACE(" + col + ", CHAR(0), '') WHERE INSTR(" + col
                            + ", CHAR(0)) > 0; or store such data in a binary column;"
                            + " or set values.nul-characters: strip or dead-letter.";
        };
        return new UnstorableValueException(table, column, rowKey, message);
    }

    private static String inKey(String where, PolicyFailure failure) {
        String key = failure.issue().configKey();
        return where + " holds " + shown(failure.original()) + " (" + failure.issue().label() + ") in a primary key"
                + " column. The policy would change the key, which could then equal another row's and merge the two,"
                + " so only dead-letter and fail apply to key columns. Fix: on the source, change the key value;"
                + " or set " + key + ": dead-letter.";
    }

    /** The start of a long value, with NUL made visible, so the message stays one readable line. */
    private static String shown(String value) {
        String start = value.length() > SHOWN_CHARS ? value.substring(0, SHOWN_CHARS) + "..." : value;
        return "'" + NulCharacters.printable(start) + "'";
    }
}
