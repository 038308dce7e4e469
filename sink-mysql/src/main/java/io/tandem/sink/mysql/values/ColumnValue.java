package io.tandem.sink.mysql.values;

import java.sql.PreparedStatement;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Types;

/**
 * How the values of one MySQL column are written: the SQL that stands for a value in a statement, the NULL-safe
 * equality that finds a row by it, and the conversion of a PostgreSQL text value into the bound parameter. Chosen
 * once per column from the column's real MySQL type ({@link MySqlValues}), so writing a row does no type dispatch.
 *
 * @param column the MySQL column name (unquoted), for messages
 * @param placeholder the value's SQL: {@code ?}, or an expression around it such as {@code CAST(? AS DECIMAL(65,30))}
 * @param compared the column as an exact comparison sees it: the quoted column, or an expression of it (a text
 *     column's utf8mb4 bytes, so no collation calls {@code 'a'} and {@code 'A '} equal)
 * @param comparedPlaceholder a value as the same comparison sees it
 */
public record ColumnValue(String table, String column, String placeholder, String compared,
                          String comparedPlaceholder, Converter converter) {

    /** PostgreSQL text (never null) to the JDBC parameter; throws {@link IllegalArgumentException} with the reason. */
    @FunctionalInterface
    public interface Converter {
        Object convert(String text);
    }

    /** The NULL-safe exact equality of the column with one value, for rows matched by all their values. */
    public String match() {
        return compared + " <=> " + comparedPlaceholder;
    }

    /**
     * Binds {@code text} (null for SQL NULL) as parameter {@code index}.
     *
     * @throws SQLDataException (SQLSTATE 22023) naming the table, the column and the reason when MySQL cannot hold
     *     the value; nothing is ever rounded, clipped or replaced instead
     */
    public void bind(PreparedStatement statement, int index, String text) throws SQLException {
        if (text == null) {
            statement.setNull(index, Types.NULL);
            return;
        }
        Object value;
        try {
            value = converter.convert(text);
        } catch (IllegalArgumentException e) {
            throw new SQLDataException("table " + table + " column " + column + ": " + e.getMessage(), "22023");
        }
        statement.setObject(index, value);
    }
}
