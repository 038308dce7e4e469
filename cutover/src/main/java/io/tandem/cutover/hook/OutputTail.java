package io.tandem.cutover.hook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the last bytes read from a stream: a hook's output can be long, the report needs only its end. */
final class OutputTail {

    static final int BYTES = 4096;

    private final byte[] ring = new byte[BYTES];
    private long total;

    /** Reads {@code in} to its end (or until it is closed), keeping the last {@value #BYTES} bytes. */
    void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            append(buffer, n);
        }
    }

    synchronized void append(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) (total++ % BYTES)] = bytes[i];
        }
    }

    /** The kept bytes as UTF-8 (a character cut at the start shows as U+FFFD), with a marker when some were dropped. */
    synchronized String text() {
        int kept = (int) Math.min(total, BYTES);
        byte[] out = new byte[kept];
        for (int i = 0; i < kept; i++) {
            out[i] = ring[(int) ((total - kept + i) % BYTES)];
        }
        String text = new String(out, StandardCharsets.UTF_8);
        return total > BYTES ? "…" + text : text;
    }
}
