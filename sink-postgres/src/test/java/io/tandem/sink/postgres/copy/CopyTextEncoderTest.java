package io.tandem.sink.postgres.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class CopyTextEncoderTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int writes;

    private CopyTextEncoder encoder(int bufferBytes) {
        return new CopyTextEncoder(bufferBytes, (bytes, offset, length) -> {
            writes++;
            out.write(bytes, offset, length);
        });
    }

    private String encode(int bufferBytes, String[]... rows) throws SQLException {
        CopyTextEncoder encoder = encoder(bufferBytes);
        for (String[] row : rows) {
            encoder.row(row, indexes(row.length));
        }
        encoder.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int[] indexes(int n) {
        int[] columns = new int[n];
        for (int i = 0; i < n; i++) {
            columns[i] = i;
        }
        return columns;
    }

    @Test
    void escapesDelimitersAndMarksNull() throws SQLException {
        String encoded = encode(1024, new String[] {"a\tb", "line\nbreak\r", "back\\slash", null, "", "\\N"});
        assertEquals("a\\tb\tline\\nbreak\\r\tback\\\\slash\t\\N\t\t\\\\N\n", encoded);
    }

    @Test
    void writesUtf8LikeTheJdk() throws SQLException {
        String text = "ä€𝄞😀 日本 \u0001\u007f\u0080\u07ff\u0800\uffff";
        String encoded = encode(1024, new String[] {text});
        assertEquals(text + "\n", encoded);
        assertEquals(new String((text + "\n").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), encoded);
    }

    @Test
    void replacesALoneSurrogateAsTheJdkDoes() throws SQLException {
        String text = "x\ud800y\udc00";
        assertEquals(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8) + "\n",
                encode(1024, new String[] {text}));
    }

    @Test
    void valuesLargerThanTheBufferArriveWhole() throws SQLException {
        String big = "😀\\é".repeat(10_000);
        String encoded = encode(64, new String[] {big, "tail"}, new String[] {null, "x"});
        assertEquals(big.replace("\\", "\\\\") + "\ttail\n\\N\tx\n", encoded);
        assertTrue(writes > 100, "a 64-byte buffer must have been flushed many times, was " + writes);
    }

    @Test
    void skipsColumnsNotListed() throws SQLException {
        CopyTextEncoder encoder = encoder(1024);
        encoder.row(new String[] {"a", "skipped", "c"}, new int[] {0, 2});
        encoder.flush();
        assertEquals("a\tc\n", out.toString(StandardCharsets.UTF_8));
    }
}
