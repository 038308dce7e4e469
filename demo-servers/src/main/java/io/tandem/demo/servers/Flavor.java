package io.tandem.demo.servers;

import java.util.Locale;

/** Which server family a source is; the two differ in privileges, GTIDs and binlog options. */
public enum Flavor {
    MARIADB,
    MYSQL;

    /** Classifies the result of {@code SELECT VERSION()}, e.g. {@code 11.4.5-MariaDB-log} or {@code 8.0.40}. */
    public static Flavor fromVersion(String version) {
        return version.toLowerCase(Locale.ROOT).contains("mariadb") ? MARIADB : MYSQL;
    }
}
