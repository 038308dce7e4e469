package io.tandem.engine.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void parseIsTheInverseOfOf() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertArrayEquals(all, ByteaText.parse(ByteaText.of(all)));
        assertArrayEquals(new byte[] {0, (byte) 0xab}, ByteaText.parse("\\x00AB"));
        assertArrayEquals(new byte[0], ByteaText.parse("\\x"));
    }

    @Test
    void parseRefusesOtherForms() {
        assertThrows(IllegalArgumentException.class, () -> ByteaText.parse("abc"));
        assertThrows(IllegalArgumentException.class, () -> ByteaText.parse("\\x0"));
        assertThrows(IllegalArgumentException.class, () -> ByteaText.parse("\\xzz"));
    }
}
