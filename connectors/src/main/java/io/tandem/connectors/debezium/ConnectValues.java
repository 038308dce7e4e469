package io.tandem.connectors.debezium;

import java.nio.ByteBuffer;

/**
 * Connect value representations that Debezium's connectors share, whichever database they read: raw bytes, and
 * {@code io.debezium.data.Bits}.
 */
public final class ConnectValues {

    private ConnectValues() {
    }

    /** Connect BYTES values come as byte[] or ByteBuffer depending on the converter that produced them. */
    public static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] copy = new byte[buffer.remaining()];
            buffer.duplicate().get(copy);
            return copy;
        }
        throw new IllegalArgumentException("expected bytes, got " + value.getClass().getName());
    }

    /**
     * {@code io.debezium.data.Bits} as PostgreSQL bit text: Debezium stores bit 0 (the least significant) as the
     * lowest bit of byte 0, and may send fewer bytes than the width needs (missing ones are zeros). PostgreSQL wants
     * the most significant bit first, exactly {@code width} digits.
     */
    public static String bits(byte[] littleEndian, int width) {
        char[] digits = new char[width];
        for (int bit = 0; bit < width; bit++) {
            int index = bit >> 3;
            boolean set = index < littleEndian.length && ((littleEndian[index] >> (bit & 7)) & 1) == 1;
            digits[width - 1 - bit] = set ? '1' : '0';
        }
        return new String(digits);
    }
}
