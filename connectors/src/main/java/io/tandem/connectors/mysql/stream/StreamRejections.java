package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.NulCharacters;
import io.tandem.engine.values.PolicyFailure;
import org.apache.kafka.connect.data.Struct;

/** Turns a streamed value whose policy is {@code fail} into the error an operator reads: what, where, the fixes. */
public final class StreamRejections {

    private static final int SHOWN_CHARS = 60;

    private StreamRejections() {
    }

    public static ValueDecodingException describe(TargetTable table, Struct row, SourcePosition position,
                                           PolicyFailure failure) {
        String where = "column " + table.source() + "." + failure.column() + " (" + key(table, row)
                + ", binlog position " + position.description() + ")";
        String message = failure.key() ? where + " holds " + shown(failure.original()) + " ("
                + failure.issue().label() + ") in a primary key column. The policy would change the key, which could"
                + " then equal another row's and merge the two, so only dead-letter and fail apply to key columns."
                + " Fix: on the source, change the key value; or set " + failure.issue().configKey()
                + ": dead-letter." : switch (failure.issue()) {
            case ZERO_DATE -> where + " holds " + shown(failure.original())
                    + ", a date with a zero year, month or day, which PostgreSQL cannot store. Fix: on the source, set"
                    + " a real date (or NULL) with UPDATE " + MySqlNames.quote(table.source()) + ", then resume from a"
                    + " fresh copy of the table; or set values.zero-dates: null, infinity or dead-letter.";
            case NUL_CHARACTER -> where + " holds a NUL character (U+0000"
                    + (failure.json() ? ", the JSON escape \\u0000" : "") + "), which PostgreSQL "
                    + (failure.json() ? "jsonb" : "text") + " cannot store: " + shown(failure.original())
                    + ". Fix: map the column to bytea or remove the character on the source;"
                    + " or set values.nul-characters: strip or dead-letter.";
        };
        return new ValueDecodingException(message);
    }

    private static String key(TargetTable table, Struct row) {
        StringBuilder key = new StringBuilder();
        table.columns().stream()
                .filter(c -> table.hasPrimaryKey() ? table.primaryKey().contains(c.name()) : false)
                .forEach(c -> key.append(key.length() == 0 ? "" : ", ").append(c.sourceName()).append('=')
                        .append(row.getWithoutDefault(c.sourceName())));
        return key.length() == 0 ? "a row of a table without a primary key" : key.toString();
    }

    private static String shown(String value) {
        String start = value.length() > SHOWN_CHARS ? value.substring(0, SHOWN_CHARS) + "..." : value;
        return "'" + NulCharacters.printable(start) + "'";
    }
}
