package io.tandem.engine.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteaTextTest {

    @Test
    void everyByteValueBecomesTwoLowerCaseHexDigits() {
        byte[] all = new byte[256];
        StringBuilder expected = new StringBuilder("\\x");
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
            expected.append(String.format("%02x", i));
        }
        assertEquals(expected.toString(), ByteaText.of(all));
    }

    @Test
    void emptyBytesAreJustThePrefix() {
        assertEquals("\\x", ByteaText.of(new byte[0]));
    }
}
