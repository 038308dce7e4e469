package io.tandem.connect;

import io.tandem.engine.config.ConfigEnum;
import io.tandem.engine.sink.BadRowPolicy;
import io.tandem.engine.transform.NameCase;
import io.tandem.engine.values.NulPolicy;
import io.tandem.engine.values.ValuePolicies;
import io.tandem.engine.values.ZeroDatePolicy;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The sink connector's settings: where the PostgreSQL target is and the same value and naming policies as the
 * daemon's {@code values:}, {@code names:} and {@code errors:} sections, under Connect's dotted names. Connect
 * validates them against {@link #DEFINITION} before a task starts, and hides {@code connection.password}.
 */
public final class TandemSinkConfig extends AbstractConfig {

    public static final String URL = "connection.url";
    public static final String USER = "connection.user";
    public static final String PASSWORD = "connection.password";
    public static final String STATEMENT_MAX_ROWS = "statement.max.rows";
    public static final String BAD_ROWS = "bad.rows";
    public static final String ZERO_DATES = "values.zero.dates";
    public static final String NUL_CHARACTERS = "values.nul.characters";
    public static final String NAMES_CASE = "names.case";
    public static final String BINLOG_REPEATS = "binlog.repeats";

    private static final String TARGET = "PostgreSQL target";
    private static final String VALUES = "Values and names";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new JdbcUrl(), Importance.HIGH,
                    "JDBC URL of the target database, jdbc:postgresql://host:5432/db; TLS settings (sslmode, "
                            + "sslrootcert...) go here, the password does not.", TARGET, 1, ConfigDef.Width.LONG,
                    "Target URL")
            .define(USER, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Role the sink writes as: it needs CREATE on the database (schemas per source database and "
                            + "tandem's own schema).", TARGET, 2, ConfigDef.Width.MEDIUM, "Target user")
            .define(PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                    "Password of connection.user; use a Connect config provider (${file:...} or a secret store) "
                            + "rather than the literal.", TARGET, 3, ConfigDef.Width.MEDIUM, "Target password")
            .define(STATEMENT_MAX_ROWS, Type.INT, 50_000, ConfigDef.Range.between(1, 1_000_000), Importance.LOW,
                    "Rows per set-based statement (the length of each array parameter).", TARGET, 4,
                    ConfigDef.Width.SHORT, "Rows per statement")
            .define(BAD_ROWS, Type.STRING, "fail", choices(BadRowPolicy.values()), Importance.MEDIUM,
                    "A row change PostgreSQL refuses as data: 'fail' stops the task, 'dead-letter' records it in "
                            + "tandem.dead_letter with the reason and goes on.", VALUES, 1, ConfigDef.Width.SHORT,
                    "Refused rows")
            .define(ZERO_DATES, Type.STRING, ZeroDatePolicy.NULL.configValue(), choices(ZeroDatePolicy.values()),
                    Importance.MEDIUM, "MySQL zero dates: null, infinity, dead-letter or fail (as the daemon's "
                            + "values.zero-dates).", VALUES, 2, ConfigDef.Width.SHORT, "Zero dates")
            .define(NUL_CHARACTERS, Type.STRING, NulPolicy.STRIP.configValue(), choices(NulPolicy.values()),
                    Importance.MEDIUM, "U+0000 in text, which PostgreSQL cannot store (as the daemon's "
                            + "values.nul-characters).", VALUES, 3, ConfigDef.Width.SHORT, "NUL characters")
            .define(NAMES_CASE, Type.STRING, NameCase.LOWER.configValue(), choices(NameCase.values()),
                    Importance.MEDIUM, "How source names become PostgreSQL names: lower or keep (as the daemon's "
                            + "names.case).", VALUES, 4, ConfigDef.Width.SHORT, "Name case")
            .define(BINLOG_REPEATS, Type.STRING, "skip", ConfigDef.ValidString.in("skip", "apply"),
                    Importance.MEDIUM, "Row changes the source connector sends again after its own restart: 'skip' "
                            + "compares each change's binlog file, position and row with the last one applied from "
                            + "its topic-partition; 'apply' applies them again (exact for tables with a key only). "
                            + "Binlog positions only order the changes of one server: after the source connector "
                            + "moves to another server (a failover), set 'apply'.", VALUES, 5, ConfigDef.Width.SHORT,
                    "Repeated binlog events");

    public TandemSinkConfig(Map<String, String> settings) {
        super(DEFINITION, settings);
    }

    public String url() {
        return getString(URL);
    }

    public String user() {
        return getString(USER);
    }

    /** The password as characters for the pool; null when none is set (trust or certificate authentication). */
    public char[] password() {
        Password password = getPassword(PASSWORD);
        return password == null ? null : password.value().toCharArray();
    }

    public int statementMaxRows() {
        return getInt(STATEMENT_MAX_ROWS);
    }

    public BadRowPolicy badRows() {
        return value(BAD_ROWS, BadRowPolicy.values());
    }

    public ValuePolicies valuePolicies() {
        return new ValuePolicies(value(ZERO_DATES, ZeroDatePolicy.values()),
                value(NUL_CHARACTERS, NulPolicy.values()));
    }

    public NameCase nameCase() {
        return value(NAMES_CASE, NameCase.values());
    }

    /** Whether row changes at or before the last binlog place applied from their partition are skipped. */
    public boolean skipBinlogRepeats() {
        return "skip".equals(getString(BINLOG_REPEATS));
    }

    private <E extends Enum<E>> E value(String key, E[] constants) {
        String configured = getString(key);
        for (E constant : constants) {
            if (configValue(constant).equals(configured)) {
                return constant;
            }
        }
        throw new ConfigException(key, configured, "unknown value");
    }

    private static ConfigDef.ValidString choices(Enum<?>[] constants) {
        return ConfigDef.ValidString.in(Arrays.stream(constants).map(TandemSinkConfig::configValue)
                .toArray(String[]::new));
    }

    private static String configValue(Enum<?> constant) {
        return constant instanceof ConfigEnum named ? named.configValue()
                : constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A PostgreSQL JDBC URL without a password in it: the password has its own, hidden, setting. */
    private static final class JdbcUrl implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String url = (String) value;
            if (url == null || !url.startsWith("jdbc:postgresql:")) {
                throw new ConfigException(name, null, "must be a PostgreSQL JDBC URL, jdbc:postgresql://host:port/db");
            }
            if (url.toLowerCase(Locale.ROOT).contains("password=")) {
                // The value is not echoed: it holds a secret.
                throw new ConfigException(name + " contains a password; set " + PASSWORD + " instead, so Connect "
                        + "hides it");
            }
        }

        @Override
        public String toString() {
            return "jdbc:postgresql://host:port/database";
        }
    }
}
