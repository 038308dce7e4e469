package io.tandem.engine.config;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a {@code target.url} and builds the effective JDBC URL. Credentials belong in
 * {@code target.user}/{@code target.password} (a URL is logged and shown in status pages), and some
 * pgjdbc properties make the driver instantiate classes or write files named in the URL:
 * CVE-2022-21724 (socketFactory, sslfactory, …) and CVE-2022-26520 (loggerFile). Problem messages
 * never quote the URL, because a rejected URL may be rejected precisely for carrying a password.
 */
final class TargetUrl {
    static final String PREFIX = "jdbc:postgresql://";

    /** Lower-cased property name → why it is refused. */
    private static final Map<String, String> FORBIDDEN = Map.ofEntries(
            Map.entry("user", "set target.user instead"),
            Map.entry("password", "set target.password instead"),
            Map.entry("sslmode", "set target.ssl-mode instead"),
            Map.entry("ssl", "set target.ssl-mode instead"),
            Map.entry("socketfactory", "it makes the driver instantiate a class named in the URL (CVE-2022-21724)"),
            Map.entry("socketfactoryarg", "it makes the driver instantiate a class named in the URL (CVE-2022-21724)"),
            Map.entry("sslfactory", "it makes the driver instantiate a class named in the URL (CVE-2022-21724)"),
            Map.entry("sslhostnameverifier", "it makes the driver instantiate a class named in the URL (CVE-2022-21724)"),
            Map.entry("sslpasswordcallback", "it makes the driver instantiate a class named in the URL (CVE-2022-21724)"),
            Map.entry("authenticationpluginclassname", "it makes the driver instantiate a class named in the URL (CVE-2022-21724)"),
            Map.entry("loggerfile", "it lets the URL write to an arbitrary file (CVE-2022-26520)"),
            Map.entry("loggerlevel", "driver logging is configured through the logging backend, not the URL (CVE-2022-26520)"));

    private TargetUrl() {
    }

    /**
     * Problems with a user-supplied URL (empty when it is acceptable), each a message for {@code target.url}.
     * The database is returned through {@link #database(String)} once the URL is known to be valid.
     */
    static List<String> problems(String url) {
        List<String> problems = new ArrayList<>();
        if (!url.startsWith(PREFIX)) {
            problems.add("must start with " + PREFIX + ", e.g. jdbc:postgresql://db.example.com:5432/app");
            return problems;
        }
        String rest = url.substring(PREFIX.length());
        int pathStart = indexOfAny(rest, "/?");
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        int query = rest.indexOf('?');
        // Any '@' before the query, not just in the authority: a password may itself contain '/'.
        if ((query < 0 ? rest : rest.substring(0, query)).contains("@")) {
            problems.add("must not contain credentials (user@ or user:password@); set target.user and target.password instead");
        }
        if (authority.isEmpty()) {
            problems.add("must name a host, e.g. jdbc:postgresql://db.example.com:5432/app");
        }
        if (database(url).isEmpty()) {
            problems.add("must name a database, e.g. jdbc:postgresql://db.example.com:5432/app");
        }
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                String name = decode(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair);
                String reason = FORBIDDEN.get(name.toLowerCase(Locale.ROOT));
                if (reason != null) {
                    problems.add("must not set the property " + name + ": " + reason);
                }
            }
        }
        return problems;
    }

    /** The database named in the URL path, if any. */
    static Optional<String> database(String url) {
        String rest = url.substring(Math.min(url.length(), PREFIX.length()));
        int slash = rest.indexOf('/');
        int query = rest.indexOf('?');
        if (slash < 0 || (query >= 0 && query < slash)) {
            return Optional.empty();
        }
        String path = rest.substring(slash + 1, query < 0 ? rest.length() : query);
        return path.isEmpty() ? Optional.empty() : Optional.of(decode(path));
    }

    /**
     * The first host and its port named in the URL (pgjdbc's default 5432 when none is given), for clients that
     * take them apart: logical decoding through Debezium. IPv6 literals come back without brackets.
     */
    static HostPort firstHost(String url) {
        String rest = url.substring(Math.min(url.length(), PREFIX.length()));
        int pathStart = indexOfAny(rest, "/?");
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String first = authority.contains(",") ? authority.substring(0, authority.indexOf(',')) : authority;
        boolean hasPort = first.startsWith("[") ? first.contains("]:") : first.contains(":");
        return HostPort.parse(hasPort ? first : first + ":5432");
    }

    static String fromParts(String host, int port, String database) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        // pgjdbc URL-decodes the database path, so a name with '/', '?' or '%' must be encoded.
        return PREFIX + h + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query parameter of the URL, decoded; the first when repeated. */
    static Optional<String> parameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        for (String pair : url.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && decode(pair.substring(0, equals)).equals(name)) {
                return Optional.of(decode(pair.substring(equals + 1)));
            }
        }
        return Optional.empty();
    }

    static String withSslMode(String url, TargetConfig.SslMode mode) {
        return url + (url.contains("?") ? "&" : "?") + "sslmode=" + mode.configValue();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
