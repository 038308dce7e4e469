package io.tandem.engine.transform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The text rules of PostgreSQL identifiers that the naming depends on: length in bytes and case folding. */
final class IdentifierText {

    /** PostgreSQL silently truncates longer identifiers (NAMEDATALEN - 1), so tandem never hands it one. */
    static final int MAX_BYTES = 63;

    private IdentifierText() {
    }

    static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * ASCII letters only, as PostgreSQL folds unquoted identifiers in a multi-byte database: folding {@code Ä}
     * would make a name that unquoted SQL cannot reach anyway.
     */
    static String fold(String name) {
        StringBuilder folded = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return folded.toString();
    }

    /** The longest prefix of {@code name} that ends on a code point boundary and fits with {@code suffix}. */
    static String fit(String name, String suffix) {
        int budget = MAX_BYTES - bytes(suffix);
        StringBuilder prefix = new StringBuilder();
        int used = 0;
        for (int offset = 0; offset < name.length(); ) {
            int codePoint = name.codePointAt(offset);
            int size = bytes(new String(Character.toChars(codePoint)));
            if (used + size > budget) {
                break;
            }
            prefix.appendCodePoint(codePoint);
            used += size;
            offset += Character.charCount(codePoint);
        }
        return prefix + suffix;
    }

    /** 8 hex digits of the SHA-256 of the source name: the same on every run and every JVM. */
    static String hash(String sourceName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sourceName.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
