package io.tandem.demo.servers;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Random database names and passwords, restricted to characters that need no quoting anywhere.
 * Public only for {@link #password()}, which the test kit's Testcontainers servers use for their
 * admin accounts.
 */
public final class UniqueNames {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private UniqueNames() {
    }

    /** {@code prefix_} plus 8 random characters; fits both MySQL's 64 and PostgreSQL's 63 character limit. */
    static String database(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "database prefix must be lower-case letters, digits or _, start with a letter, at most 41 long: " + prefix);
        }
        return prefix + "_" + random(8);
    }

    /** 24 random lower-case letters and digits: a password that needs no quoting in a JDBC URL or SQL. */
    public static String password() {
        return random(24);
    }

    private static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return text.toString();
    }
}
