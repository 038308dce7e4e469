package io.tandem.connectors.mysql.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a source server is, as it says itself.
 *
 * @param version the full {@code VERSION()} text, e.g. {@code 11.4.5-MariaDB-log} or {@code 8.0.40}
 * @param comment {@code @@version_comment}, e.g. {@code mariadb.org binary distribution}
 */
public record ServerInfo(Flavor flavor, String version, String comment, int major, int minor, int patch) {

    private static final Pattern NUMBERS = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** Asks the server; MariaDB names itself in VERSION() (and usually in the comment), MySQL never does. */
    public static ServerInfo detect(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT VERSION(), @@version_comment")) {
            rs.next();
            return parse(rs.getString(1), rs.getString(2));
        }
    }

    public static ServerInfo parse(String version, String comment) {
        String text = (version + " " + (comment == null ? "" : comment)).toLowerCase(Locale.ROOT);
        Flavor flavor = text.contains("mariadb") ? Flavor.MARIADB : Flavor.MYSQL;
        Matcher m = NUMBERS.matcher(version);
        if (!m.find()) {
            throw new IllegalArgumentException("cannot read a version number from VERSION() = '" + version + "'");
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new ServerInfo(flavor, version, comment, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch);
    }

    public boolean isMariaDb() {
        return flavor == Flavor.MARIADB;
    }

    /** True when this server's version is at least {@code major.minor}. */
    public boolean atLeast(int major, int minor) {
        return this.major != major ? this.major > major : this.minor >= minor;
    }

    @Override
    public String toString() {
        return (isMariaDb() ? "MariaDB " : "MySQL ") + version;
    }
}
