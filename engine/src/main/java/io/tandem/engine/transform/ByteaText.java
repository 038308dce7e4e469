package io.tandem.engine.transform;

import java.util.HexFormat;

/**
 * The {@link ValueKind#BYTES} text form, {@code \x} followed by lower-case hex, shared by every path that renders
 * bytes. A lookup table of digit pairs keeps it to two array reads per byte: snapshot copies run it per value.
 */
public final class ByteaText {

    private static final char[] HEX_PAIRS = new char[512];

    static {
        char[] digits = "0123456789abcdef".toCharArray();
        for (int b = 0; b < 256; b++) {
            HEX_PAIRS[2 * b] = digits[b >>> 4];
            HEX_PAIRS[2 * b + 1] = digits[b & 0xf];
        }
    }

    private ByteaText() {
    }

    public static String of(byte[] bytes) {
        char[] out = new char[2 + 2 * bytes.length];
        out[0] = '\\';
        out[1] = 'x';
        int j = 2;
        for (byte b : bytes) {
            int pair = 2 * (b & 0xff);
            out[j++] = HEX_PAIRS[pair];
            out[j++] = HEX_PAIRS[pair + 1];
        }
        return new String(out);
    }

    /**
     * The bytes of a {@code \x} text (the inverse of {@link #of}); upper- or lower-case digits.
     *
     * @throws IllegalArgumentException when the text is not {@code \x} followed by an even number of hex digits
     */
    public static byte[] parse(String text) {
        if (!text.startsWith("\\x")) {
            throw new IllegalArgumentException("bytes must be written as \\x followed by hex digits");
        }
        return HexFormat.of().parseHex(text, 2, text.length());
    }
}
