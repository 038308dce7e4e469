package io.tandem.testkit.compare;

import java.util.Arrays;
import java.util.HexFormat;

/** A byte string compared by content, ordered as unsigned bytes (MySQL binary and PostgreSQL bytea order). */
record Bytes(byte[] value) implements Comparable<Bytes> {

    private static final int SHOWN_BYTES = 16;

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes bytes && Arrays.equals(value, bytes.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(value, other.value);
    }

    /** Hex, cut after a few bytes: reports show which value differs, not the whole BLOB. */
    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(value, 0, Math.min(value.length, SHOWN_BYTES));
        return "0x" + hex + (value.length > SHOWN_BYTES ? "...(" + value.length + " bytes)" : "");
    }
}
