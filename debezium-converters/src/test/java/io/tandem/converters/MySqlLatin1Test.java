package io.tandem.converters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class MySqlLatin1Test {

    @Test
    void everyByteHasACharacterAndTheFiveWindows1252GapsAreC1Controls() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String decoded = MySqlLatin1.decode(all);
        assertEquals(256, decoded.length());
        assertFalse(decoded.contains("\uFFFD"), "no byte is lost to the replacement character");
        for (int gap : new int[] {0x81, 0x8D, 0x8F, 0x90, 0x9D}) {
            assertEquals((char) gap, decoded.charAt(gap));
        }
        assertEquals('\u20AC', decoded.charAt(0x80), "0x80 is the euro sign, as in Windows-1252");
        assertEquals('\u0178', decoded.charAt(0x9F));
        assertEquals('\u00E9', decoded.charAt(0xE9));
        assertEquals('a', decoded.charAt('a'));
    }
}
