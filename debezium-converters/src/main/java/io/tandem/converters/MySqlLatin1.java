package io.tandem.converters;

import java.nio.charset.Charset;

/** MySQL's {@code latin1}: Windows-1252, with 0x81, 0x8D, 0x8F, 0x90, 0x9D as U+0081, U+008D, … like the server. */
final class MySqlLatin1 {

    private static final char[] TABLE = new char[256];

    static {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String windows1252 = new String(all, Charset.forName("windows-1252"));
        for (int i = 0; i < 256; i++) {
            char c = windows1252.charAt(i);
            // Java leaves the five bytes Windows-1252 does not define unmapped; MySQL maps them to themselves.
            TABLE[i] = c == '\uFFFD' ? (char) i : c;
        }
    }

    private MySqlLatin1() {
    }

    static String decode(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = TABLE[bytes[i] & 0xFF];
        }
        return new String(chars);
    }
}
