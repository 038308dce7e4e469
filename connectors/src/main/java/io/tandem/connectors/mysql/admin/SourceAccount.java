package io.tandem.connectors.mysql.admin;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MySQL/MariaDB account, {@code 'user'@'host'}, as the cutover names the application's accounts to lock.
 *
 * <p>Account names cannot be bound as statement parameters ({@code ALTER USER ?} is not valid SQL), so they are
 * validated strictly and rendered as quoted literals by {@link #sql()}: quotes, backslashes and control characters
 * are refused outright rather than escaped, because how a backslash is read depends on the server's
 * {@code NO_BACKSLASH_ESCAPES} mode.
 *
 * @param user the user name; 1 to 80 characters (MariaDB's limit; MySQL allows 32 and will refuse longer ones)
 * @param host the host pattern; {@code %} for any host
 */
public record SourceAccount(String user, String host) {

    /** {@code 'user'@'host'}, {@code user@host} or a bare {@code user} (host {@code %}). */
    private static final Pattern TEXT = Pattern.compile("'?([^'@]*)'?(?:@'?([^'@]*)'?)?");
    private static final int MAX_USER = 80;
    private static final int MAX_HOST = 255;

    public SourceAccount {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        check("user name", user, MAX_USER);
        check("host", host, MAX_HOST);
    }

    /**
     * Reads {@code 'app'@'%'}, {@code app@10.0.%} or {@code app} (meaning {@code 'app'@'%'}).
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static SourceAccount parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an account: '" + text + "'; write it as 'user'@'host', e.g. 'app'@'%'");
        }
        return new SourceAccount(m.group(1), m.group(2) == null ? "%" : m.group(2));
    }

    /** {@code 'user'@'host'} for account-management statements; safe because of the checks in the constructor. */
    public String sql() {
        return "'" + user + "'@'" + host + "'";
    }

    private static void check(String what, String value, int maxLength) {
        if (value.isEmpty() || value.length() > maxLength) {
            throw new IllegalArgumentException("account " + what + " must have 1 to " + maxLength
                    + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '"' || c == '`' || c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("account " + what + " '" + value.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a quote, backslash or control character, which tandem does not put into SQL");
            }
        }
    }

    @Override
    public String toString() {
        return sql();
    }
}
