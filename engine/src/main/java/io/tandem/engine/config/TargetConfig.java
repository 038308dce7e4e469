package io.tandem.engine.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The PostgreSQL database tandem writes to ({@code target:}).
 *
 * @param jdbcUrl  the effective URL including {@code sslmode}; never carries credentials
 * @param database the database named by {@code target.database} or the URL path
 */
public record TargetConfig(String jdbcUrl, String database, String user, Optional<Secret> password, SslMode sslMode) {

    /** pgjdbc's {@code sslmode} values. */
    public enum SslMode implements ConfigEnum { DISABLE, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL }

    public TargetConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sslMode, "sslMode");
    }

    static TargetConfig read(Values v) {
        SslMode sslMode = v.get(Options.TARGET_SSL_MODE);
        String user = v.get(Options.TARGET_USER);
        Optional<Secret> password = v.optional(Options.TARGET_PASSWORD);
        String url = v.isSet(Options.TARGET_URL) ? fromUrl(v) : fromParts(v);
        if (v.hasProblems()) {
            return null;
        }
        String database = TargetUrl.database(url).orElseThrow();
        return new TargetConfig(TargetUrl.withSslMode(url, sslMode), database, user, password, sslMode);
    }

    /** {@code target.url} replaces host, port and database; setting both would leave one silently ignored. */
    private static String fromUrl(Values v) {
        for (Option<?> part : new Option<?>[] {Options.TARGET_HOST, Options.TARGET_PORT, Options.TARGET_DATABASE}) {
            if (v.isSet(part)) {
                v.problem(part, "cannot be combined with target.url; put it in the URL or remove target.url");
            }
        }
        String url = v.get(Options.TARGET_URL);
        if (url == null) {
            return null;
        }
        TargetUrl.problems(url).forEach(message -> v.problem(Options.TARGET_URL, message));
        return url;
    }

    private static String fromParts(Values v) {
        String host = v.get(Options.TARGET_HOST);
        Integer port = v.get(Options.TARGET_PORT);
        String database = v.get(Options.TARGET_DATABASE);
        if (!v.isSet(Options.TARGET_HOST)) {
            v.problem(Options.TARGET_HOST, "is required unless target.url is set; give target.host and target.database, or target.url");
        }
        if (!v.isSet(Options.TARGET_DATABASE)) {
            v.problem(Options.TARGET_DATABASE, "is required with target.host; name the PostgreSQL database to write to");
        }
        return host == null || port == null || database == null ? null : TargetUrl.fromParts(host, port, database);
    }

    /** The (first) host of {@link #jdbcUrl()}. */
    public String host() {
        return TargetUrl.firstHost(jdbcUrl).host();
    }

    /** A parameter of {@link #jdbcUrl()}, such as pgjdbc's {@code sslrootcert}, for clients that take it apart. */
    public Optional<String> urlParameter(String name) {
        return TargetUrl.parameter(jdbcUrl, name);
    }

    /** The port of {@link #host()}; 5432 when the URL names none. */
    public int port() {
        return TargetUrl.firstHost(jdbcUrl).port();
    }
}
