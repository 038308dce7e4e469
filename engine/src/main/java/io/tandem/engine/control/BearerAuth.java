package io.tandem.engine.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks {@code Authorization: Bearer <token>} against the configured token, if there is one. */
final class BearerAuth {

    private static final String SCHEME = "bearer ";

    // Only a digest is kept, and presented tokens are digested too: comparing equal-length digests with
    // MessageDigest.isEqual takes the same time whatever the input, so timing reveals neither content nor length.
    private final byte[] expectedDigest;

    private BearerAuth(byte[] expectedDigest) {
        this.expectedDigest = expectedDigest;
    }

    /** @param token null for no authentication; blank is refused, as it is almost certainly a config mistake */
    static BearerAuth of(String token) {
        if (token == null) {
            return new BearerAuth(null);
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("the control bearer token is blank; set a real token or none");
        }
        return new BearerAuth(sha256(token));
    }

    boolean required() {
        return expectedDigest != null;
    }

    boolean permits(String authorization) {
        if (expectedDigest == null) {
            return true;
        }
        // The scheme name is case-insensitive (RFC 9110 section 11.1).
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        String presented = authorization.substring(SCHEME.length()).strip();
        return MessageDigest.isEqual(expectedDigest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return required() ? "bearer token" : "none";
    }
}
