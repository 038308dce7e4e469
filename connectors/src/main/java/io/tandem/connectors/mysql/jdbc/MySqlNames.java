package io.tandem.connectors.mysql.jdbc;

import io.tandem.engine.model.TableId;

/** Identifier quoting for SQL sent to the source; every name tandem puts into source SQL goes through here. */
public final class MySqlNames {

    private MySqlNames() {
    }

    /** {@code `name`}, with backticks inside the name doubled, so any name the server accepts is safe. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** {@code `db`.`table`}. */
    public static String quote(TableId table) {
        return quote(table.database()) + "." + quote(table.table());
    }

    /** A single-quoted string literal for messages that show SQL to run; escapes quotes and backslashes. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
