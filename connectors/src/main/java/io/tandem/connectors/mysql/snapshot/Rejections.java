package io.tandem.connectors.mysql.snapshot;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.engine.model.TableId;

/** Turns a {@link RejectedValue} into the error an operator reads: what, where, and the fix on the source. */
final class Rejections {

    private static final int SHOWN_CHARS = 60;

    private Rejections() {
    }

    static UnstorableValueException describe(TableId table, String column, String rowKey, RejectedValue rejected) {
        String where = table + " column " + column + " (" + rowKey + ")";
        String target = MySqlNames.quote(table);
        String col = MySqlNames.quote(column);
        String message = switch (rejected.reason()) {
            case ZERO_DATE -> where + " holds " + MySqlNames.literal(rejected.value())
                    + ", a date with a zero year, month or day, which PostgreSQL cannot store."
                    + " Fix: on the source, UPDATE " + target + " SET " + col + " = NULL WHERE " + col + " = "
                    + MySqlNames.literal(rejected.value()) + " (or set a real date where the column is NOT NULL),"
                    + " or choose a zero-date policy once tandem offers one.";
            case NUL_IN_TEXT -> where + " holds text with the character U+0000 (NUL), which PostgreSQL text"
                    + " cannot store: " + shown(rejected.value()) + ". Fix: on the source, remove it, e.g. UPDATE "
                    + target + " SET " + col + " = REPLACE(" + col + ", CHAR(0), '') WHERE INSTR(" + col
                    + ", CHAR(0)) > 0; or store such data in a binary column.";
            case NUL_IN_JSON -> where + " holds JSON with the escape \\u0000, which PostgreSQL jsonb cannot store: "
                    + shown(rejected.value()) + ". Fix: on the source, rewrite the document without it.";
        };
        return new UnstorableValueException(table, column, rowKey, message);
    }

    /** The start of a long value, with NUL made visible, so the message stays one readable line. */
    private static String shown(String value) {
        String start = value.length() > SHOWN_CHARS ? value.substring(0, SHOWN_CHARS) + "..." : value;
        return "'" + start.replace("\0", "\\0") + "'";
    }
}
