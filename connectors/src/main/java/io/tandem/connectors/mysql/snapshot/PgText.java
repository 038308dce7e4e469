package io.tandem.connectors.mysql.snapshot;

/**
 * Renders raw source values as PostgreSQL text, and spots values PostgreSQL cannot store. These run for every
 * value of every row, so they avoid regular expressions and intermediate objects.
 */
final class PgText {

    private PgText() {
    }

    /**
     * The lowest {@code width} bits of a big-endian byte string (how the server sends BIT(n)), most significant
     * first. Leading bytes beyond the width are ignored; missing leading bytes count as zeros.
     */
    static String bits(byte[] bytes, int width) {
        char[] out = new char[width];
        for (int i = 0; i < width; i++) {
            int bitFromRight = width - 1 - i;
            int byteIndex = bytes.length - 1 - bitFromRight / 8;
            boolean set = byteIndex >= 0 && (bytes[byteIndex] >>> (bitFromRight % 8) & 1) != 0;
            out[i] = set ? '1' : '0';
        }
        return new String(out);
    }

    /**
     * Whether a MySQL DATE/DATETIME/TIMESTAMP text ({@code yyyy-mm-dd...}) has a zero year, month or day:
     * {@code 0000-00-00}, {@code 2024-00-15}, {@code 0000-01-01}. PostgreSQL has no year 0 and no zero month or
     * day, so none of them can be stored.
     */
    static boolean hasZeroPart(String date) {
        return isZeros(date, 0, 4) || isZeros(date, 5, 7) || isZeros(date, 8, 10);
    }

    private static boolean isZeros(String text, int from, int to) {
        if (text.length() < to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
