package io.tandem.sink.postgres.copy;

import java.sql.SQLException;

/**
 * Encodes rows into COPY text format, straight from the values' chars to UTF-8 bytes in one reusable buffer that
 * is handed to the server whenever it fills, so a row costs no allocation and memory stays at one buffer
 * whatever the table size.
 *
 * <p>Text format: columns separated by tab, rows ended by newline, NULL as {@code \N}; backslash, newline,
 * carriage return and tab inside a value are escaped with a backslash. Everything else passes through as is.
 */
final class CopyTextEncoder {

    /** Where full buffers go (the COPY stream). */
    @FunctionalInterface
    interface Output {
        void write(byte[] bytes, int offset, int length) throws SQLException;
    }

    /** The most bytes one step of the encoder writes: a surrogate pair as 4 UTF-8 bytes. */
    private static final int MAX_STEP = 4;

    private final byte[] buffer;
    private final int limit;
    private final Output output;
    private int length;

    CopyTextEncoder(int bufferBytes, Output output) {
        this.buffer = new byte[Math.max(bufferBytes, 64)];
        this.limit = buffer.length - MAX_STEP;
        this.output = output;
    }

    /** Appends the values at {@code columns} (indexes into {@code values}) as one row. */
    void row(String[] values, int[] columns) throws SQLException {
        for (int i = 0; i < columns.length; i++) {
            if (length > limit) {
                flush();
            }
            if (i > 0) {
                buffer[length++] = '\t';
            }
            String value = values[columns[i]];
            if (value == null) {
                buffer[length++] = '\\';
                buffer[length++] = 'N';
            } else {
                value(value);
            }
        }
        if (length > limit) {
            flush();
        }
        buffer[length++] = '\n';
    }

    /** Hands what is buffered to the output. */
    void flush() throws SQLException {
        if (length > 0) {
            output.write(buffer, 0, length);
            length = 0;
        }
    }

    private void value(String value) throws SQLException {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            if (length > limit) {
                flush();
            }
            char c = value.charAt(i);
            if (c < 0x80) {
                ascii(c);
            } else if (c < 0x800) {
                buffer[length++] = (byte) (0xC0 | (c >> 6));
                buffer[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                buffer[length++] = (byte) (0xF0 | (codePoint >> 18));
                buffer[length++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                buffer[length++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                buffer[length++] = (byte) (0x80 | (codePoint & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate has no UTF-8 form; '?' is what String.getBytes(UTF_8) would write too.
                buffer[length++] = '?';
            } else {
                buffer[length++] = (byte) (0xE0 | (c >> 12));
                buffer[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buffer[length++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    private void ascii(char c) {
        switch (c) {
            case '\\' -> escaped('\\');
            case '\n' -> escaped('n');
            case '\r' -> escaped('r');
            case '\t' -> escaped('t');
            default -> buffer[length++] = (byte) c;
        }
    }

    private void escaped(char c) {
        buffer[length++] = '\\';
        buffer[length++] = (byte) c;
    }
}
