package io.tandem.cutover.verify;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Feeds rows into the stage table's COPY in text format (tab between columns, {@code \N} for NULL, backslash,
 * tab, newline and carriage return escaped), a buffer of about 64 KiB at a time, so a chunk costs one buffer of
 * memory whatever its size.
 */
final class StageCopy {

    private static final int FLUSH_AT = 64 * 1024;

    private final CopyIn copy;
    private final int[] columns;
    private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 1024);
    private long rows;

    /** @param columns indexes into each row of the values to stage, in stage column order */
    StageCopy(CopyIn copy, int[] columns) {
        this.copy = copy;
        this.columns = columns;
    }

    void row(String[] values) throws SQLException {
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                buffer.append('\t');
            }
            String value = values[columns[i]];
            if (value == null) {
                buffer.append("\\N");
            } else {
                escape(value);
            }
        }
        buffer.append('\n');
        rows++;
        if (buffer.length() >= FLUSH_AT) {
            flush();
        }
    }

    /** Ends the COPY; returns the rows staged. */
    long finish() throws SQLException {
        flush();
        copy.endCopy();
        return rows;
    }

    /** Abandons the COPY after a failure, keeping the first error. */
    void cancel(Exception failure) {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void flush() throws SQLException {
        if (buffer.length() > 0) {
            // A lone surrogate becomes '?', as the copy's own encoder writes it.
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
    }
}
