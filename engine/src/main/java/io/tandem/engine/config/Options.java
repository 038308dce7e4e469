package io.tandem.engine.config;

import static io.tandem.engine.config.ValueTypes.bool;
import static io.tandem.engine.config.ValueTypes.duration;
import static io.tandem.engine.config.ValueTypes.hostPort;
import static io.tandem.engine.config.ValueTypes.integer;
import static io.tandem.engine.config.ValueTypes.longInteger;
import static io.tandem.engine.config.ValueTypes.matching;
import static io.tandem.engine.config.ValueTypes.oneOf;
import static io.tandem.engine.config.ValueTypes.secret;
import static io.tandem.engine.config.ValueTypes.size;
import static io.tandem.engine.config.ValueTypes.tablePattern;
import static io.tandem.engine.config.ValueTypes.text;

import io.tandem.engine.transform.ColumnOverrides;
import io.tandem.engine.transform.NameCase;
import io.tandem.engine.values.NulPolicy;
import io.tandem.engine.values.ZeroDatePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every configuration key, in the order of the generated reference. Adding a key here makes it
 * parseable and documented; reading it into a record is the only other step.
 */
final class Options {
    private Options() {
    }

    /** Letters, digits, _ and -; 63 characters is PostgreSQL's identifier limit, and the name ends up in identifiers. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");
    /** MySQL/MariaDB database names as tandem can map them 1:1 to PostgreSQL schema names. */
    private static final Pattern DATABASE = Pattern.compile("[^./\\\\\\s]{1,64}");
    private static final long MiB = 1L << 20;

    static final Option<String> NAME_OPTION = Option.withDefault("name",
            matching("string", NAME, "letters, digits, _ and - only (at most 63)"), "tandem",
            "Instance name; tells tandem instances apart and seeds the default `source.server-id`. Letters, digits, `_` and `-`.");

    static final Option<String> SOURCE_HOST = Option.required("source.host", text(),
            "MySQL/MariaDB host name or IP address.");
    static final Option<Integer> SOURCE_PORT = Option.withDefault("source.port", integer(1, 65535), 3306,
            "MySQL/MariaDB port.");
    static final Option<String> SOURCE_USER = Option.required("source.user", text(),
            "User with `REPLICATION SLAVE`, `REPLICATION CLIENT` and `SELECT` on the replicated databases.");
    static final Option<Secret> SOURCE_PASSWORD = Option.optional("source.password", secret(), "none",
            "Password of `source.user`.");
    static final Option<SourceConfig.Flavor> SOURCE_FLAVOR = Option.withDefault("source.flavor",
            oneOf(SourceConfig.Flavor.class), SourceConfig.Flavor.AUTO,
            "Server flavor; `auto` detects it from the server version.");
    static final Option<List<String>> SOURCE_DATABASES = Option.required("source.databases",
            new ListType<>(matching("string", DATABASE, "a database name (no dots, slashes or spaces; at most 64 characters)"), "list of database names"),
            "Databases to replicate; each becomes a PostgreSQL schema, named as `names.case` says. Must not be empty.");
    static final Option<List<TablePattern>> SOURCE_TABLES_INCLUDE = Option.optional("source.tables.include",
            new ListType<>(tablePattern(), "list of `db.table` patterns"), "all tables",
            "Tables to replicate, as `db.table` patterns with `*` and `?` globs; default: every table of `source.databases`.");
    static final Option<List<TablePattern>> SOURCE_TABLES_EXCLUDE = Option.withDefault("source.tables.exclude",
            new ListType<>(tablePattern(), "list of `db.table` patterns"), List.of(),
            "Tables to skip even if included, as `db.table` patterns with `*` and `?` globs.");
    static final Option<Long> SOURCE_SERVER_ID = Option.optional("source.server-id", longInteger(1, 4_294_967_295L),
            "5400 + hash(`name`) mod 1000",
            "Server id tandem uses as a replica; must be unique among all replicas of the source.");
    static final Option<SourceConfig.SslMode> SOURCE_SSL_MODE = Option.withDefault("source.ssl-mode",
            oneOf(SourceConfig.SslMode.class), SourceConfig.SslMode.DISABLE,
            "TLS to the source: `trust` encrypts without checking the certificate, `verify-ca` checks it, `verify-full` also checks the host name.");

    static final Option<String> SOURCE_CONTROL_DATABASE = Option.withDefault("source.control-database",
            matching("string", DATABASE, "a database name (no dots, slashes or spaces; at most 64 characters)"), "tandem",
            "Database on the source where tandem keeps its own `heartbeat` and `fence` tables (created at start); never one of `source.databases`. The user needs `CREATE, SELECT, INSERT, UPDATE, DELETE` on it.");

    static final Option<String> TARGET_URL = Option.optional("target.url", text(), "none",
            "`jdbc:postgresql://host:port/database[?properties]`, without user, password or sslmode; alternative to `target.host`/`target.port`/`target.database`.");
    static final Option<String> TARGET_HOST = Option.optional("target.host", text(), "none",
            "PostgreSQL host; required unless `target.url` is set.");
    static final Option<Integer> TARGET_PORT = Option.withDefault("target.port", integer(1, 65535), 5432,
            "PostgreSQL port (with `target.host`).");
    static final Option<String> TARGET_DATABASE = Option.optional("target.database", text(), "none",
            "PostgreSQL database; required with `target.host`.");
    static final Option<String> TARGET_USER = Option.required("target.user", text(),
            "PostgreSQL user; needs `CREATE` on the database (tandem creates one schema per source database).");
    static final Option<Secret> TARGET_PASSWORD = Option.optional("target.password", secret(), "none",
            "Password of `target.user`.");
    static final Option<TargetConfig.SslMode> TARGET_SSL_MODE = Option.withDefault("target.ssl-mode",
            oneOf(TargetConfig.SslMode.class), TargetConfig.SslMode.PREFER,
            "pgjdbc `sslmode` for the target connection.");

    static final Option<ColumnOverrides> COLUMNS = Option.optional("columns", new ColumnOverridesType(), "none",
            "Per-column overrides of the target type: `\"db.table.column\": { type: boolean }`, or with `using:` a "
                    + "PostgreSQL expression over `value`, the source value's text (see Per-column overrides).");

    static final Option<Integer> SNAPSHOT_PARALLELISM = Option.withDefault("snapshot.parallelism", integer(1, 64), 2,
            "Tables copied at the same time during the initial snapshot.");
    static final Option<Integer> SNAPSHOT_FETCH_SIZE = Option.withDefault("snapshot.fetch-size", integer(1, 1_000_000), 10_000,
            "Rows fetched per round trip while reading a table for the snapshot.");

    static final Option<Integer> APPLY_BATCH_MAX_ROWS = Option.withDefault("apply.batch-max-rows",
            integer(1, 1_000_000), 10_000, "A batch is applied when it reaches this many rows.");
    static final Option<Long> APPLY_BATCH_MAX_BYTES = Option.withDefault("apply.batch-max-bytes", size(1), 64 * MiB,
            "A batch is applied when it reaches this size (`64MiB`, `512KiB`, `1GiB` or bytes).");
    static final Option<Long> APPLY_QUEUE_MAX_BYTES = Option.withDefault("apply.queue-max-bytes", size(1), 128 * MiB,
            "Changes buffered between source and sink before the source is paused; at least `apply.batch-max-bytes`.");
    static final Option<Duration> APPLY_MAX_BATCH_WAIT = Option.withDefault("apply.max-batch-wait",
            duration(Duration.ZERO), Duration.ofMillis(200),
            "A non-empty batch is applied after waiting this long for more changes (`200ms`, `5s`, `2m`).");

    static final Option<ErrorsConfig.BadRowPolicy> ERRORS_ON_BAD_ROW = Option.withDefault("errors.on-bad-row",
            oneOf(ErrorsConfig.BadRowPolicy.class), ErrorsConfig.BadRowPolicy.FAIL,
            "A row the target rejects: `fail` stops the pipeline with the error; `dead-letter` records it in the dead-letter table and continues.");

    static final Option<ZeroDatePolicy> VALUES_ZERO_DATES = Option.withDefault("values.zero-dates",
            oneOf(ZeroDatePolicy.class), ZeroDatePolicy.NULL,
            "DATE/DATETIME/TIMESTAMP with a zero year, month or day: `null` writes NULL (`-infinity` in a NOT NULL column); `infinity` always `-infinity`; `dead-letter` records the row in the dead-letter table instead of applying it; `fail` stops.");
    static final Option<NulPolicy> VALUES_NUL_CHARACTERS = Option.withDefault("values.nul-characters",
            oneOf(NulPolicy.class), NulPolicy.STRIP,
            "Text with U+0000 (JSON with the escape `\\u0000`): `strip` removes it; `dead-letter` records the row in the dead-letter table instead of applying it; `fail` stops.");
    static final Option<NameCase> NAMES_CASE = Option.withDefault("names.case", oneOf(NameCase.class), NameCase.LOWER,
            "Target names: `lower` folds A–Z to a–z (a name that would then equal another one of the same table, schema or database keeps its case); `keep` keeps names as the source spells them. Names longer than 63 bytes are shortened either way; see [Names](#names).");
    static final Option<DdlConfig.UnsupportedDdlPolicy> DDL_ON_UNSUPPORTED = Option.withDefault("ddl.on-unsupported",
            oneOf(DdlConfig.UnsupportedDdlPolicy.class), DdlConfig.UnsupportedDdlPolicy.RESYNC,
            "A source schema change tandem cannot translate exactly: `resync` copies the table again from the source while the other tables keep streaming, and swaps the copy in at once; `fail` stops the pipeline naming the statement and its position; `skip` records it in `tandem.skipped_ddl`, counts it and continues with the target table unchanged.");

    /** Lag is only as fine as one interval; beyond a minute it would hide a stall for too long. */
    static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofMinutes(1);
    static final Option<Duration> LAG_HEARTBEAT_INTERVAL = Option.withDefault("lag.heartbeat-interval",
            duration(Duration.ofMillis(10)), Duration.ofMillis(200),
            "How often tandem writes its heartbeat row on the source (10ms to 1m); lag is measured from it, to one interval.");

    static final Option<Integer> RETRY_MAX_ATTEMPTS = Option.withDefault("retry.max-attempts",
            integer(0, Integer.MAX_VALUE), 0, "Attempts for a transient error before giving up; `0` retries forever.");
    static final Option<Duration> RETRY_INITIAL_BACKOFF = Option.withDefault("retry.initial-backoff",
            duration(Duration.ofMillis(1)), Duration.ofMillis(500), "Wait before the first retry; doubles on each attempt.");
    static final Option<Duration> RETRY_MAX_BACKOFF = Option.withDefault("retry.max-backoff",
            duration(Duration.ofMillis(1)), Duration.ofSeconds(30), "Upper bound of the wait between retries; at least `retry.initial-backoff`.");

    static final Option<HostPort> CONTROL_LISTEN = Option.withDefault("control.listen", hostPort(),
            new HostPort("127.0.0.1", 8080), "Address of the HTTP control endpoint; port `0` picks a free port.");
    static final Option<Secret> CONTROL_TOKEN = Option.optional("control.token", secret(), "none",
            "Bearer token required by the control endpoint; mandatory when `control.listen` is not a loopback address.");

    /** {@code 'user'@'host'}, {@code user@host} or {@code user}; no quotes, backslashes or control characters inside. */
    private static final Pattern ACCOUNT = Pattern.compile(
            "'?[^'\"`\\\\@\\p{Cntrl}]{1,80}'?(@'?[^'\"`\\\\@\\p{Cntrl}]{1,255}'?)?");
    /** Any PostgreSQL role name tandem can quote; whether it exists is checked against the server. */
    /** No user:password@ part: credentials belong in the hook's token, which is never logged. */
    private static final Pattern HTTP_URL = Pattern.compile("(?i)https?://[^/@\\s]+(/\\S*)?");
    private static final Pattern ROLE = Pattern.compile("[^\\p{Cntrl}]{1,63}");

    static final Option<Duration> CUTOVER_MAX_PAUSE = Option.withDefault("cutover.max-pause",
            duration(Duration.ofSeconds(1)), Duration.ofSeconds(3),
            "Hard budget of the write pause, from freezing the source to opening PostgreSQL; past it the cutover aborts and the source is writable again.");
    static final Option<Duration> CUTOVER_MAX_LAG = Option.withDefault("cutover.max-lag",
            duration(Duration.ofMillis(1)), Duration.ofMillis(250),
            "The cutover starts only while the heartbeat lag's p99 over the last minute is below this.");
    static final Option<Duration> CUTOVER_LOCK_WAIT_TIMEOUT = Option.withDefault("cutover.lock-wait-timeout",
            duration(Duration.ofSeconds(1)), Duration.ofSeconds(1),
            "How long `SET GLOBAL read_only = ON` may wait for running write statements (whole seconds, below `cutover.max-pause`); past it the freeze fails and the source stays writable.");
    static final Option<List<String>> CUTOVER_SOURCE_APP_ACCOUNTS = Option.withDefault("cutover.source-app-accounts",
            new ListType<>(matching("string", ACCOUNT, "an account as 'user'@'host', e.g. 'app'@'%', without quotes, backslashes or control characters in the names"),
                    "list of `'user'@'host'`"), List.of(),
            "The application's source accounts: locked (`ACCOUNT LOCK`) and their sessions killed at the freeze, unlocked on abort. Quote the item in YAML: `- \"'app'@'%'\"`.");
    static final Option<List<String>> CUTOVER_TARGET_APP_ROLES = Option.withDefault("cutover.target-app-roles",
            new ListType<>(matching("string", ROLE, "a PostgreSQL role name (1 to 63 characters, no control characters)"),
                    "list of role names"), List.of(),
            "PostgreSQL roles of the application: no DML on the replicated tables before cutover, `SELECT, INSERT, UPDATE, DELETE` (and their sequences) once it opens. Superusers, `BYPASSRLS` roles and table owners are refused.");
    static final Option<Boolean> CUTOVER_ALLOW_DEAD_LETTERS = Option.withDefault("cutover.allow-dead-letters",
            bool(), false,
            "Let the cutover go ahead while the dead-letter table holds rows (they are then missing on PostgreSQL).");
    static final Option<String> CUTOVER_SOURCE_ADMIN_USER = Option.optional("cutover.source-admin.user", text(),
            "`source.user`",
            "Source login for the freeze (`read_only`, `ALTER USER`, `KILL`, writing while read-only); see Cutover privileges.");
    static final Option<Secret> CUTOVER_SOURCE_ADMIN_PASSWORD = Option.optional("cutover.source-admin.password", secret(),
            "`source.password`", "Password of `cutover.source-admin.user`.");
    /** The same four keys for every hook step, read into a {@link HookConfig}. */
    record HookOptions(Option<List<String>> command, Option<String> url, Option<Secret> token, Option<Duration> timeout) {
        static HookOptions of(HookConfig.Step step) {
            String prefix = "cutover.hooks." + step.configValue();
            String name = "`" + step.configValue() + "`";
            return new HookOptions(
                    Option.optional(prefix + ".command", new ListType<>(text(), "list of strings"), "none",
                            "Command run at the " + name + " step, as an argument list (no shell unless you name one); "
                                    + step.purpose() + " The step's facts are in `TANDEM_*` environment variables; a non-zero exit fails the step."),
                    Option.optional(prefix + ".url", matching("string", HTTP_URL, "an http:// or https:// URL without user:password@"), "none",
                            "Instead of `command`: URL that receives the step's facts as a JSON POST at the " + name
                                    + " step; a status other than 2xx fails the step."),
                    Option.optional(prefix + ".token", secret(), "none", "Bearer token sent with the `url` hook."),
                    Option.withDefault(prefix + ".timeout", duration(Duration.ofMillis(100)), step.defaultTimeout(),
                            "The hook fails when it has not finished after this long" + (step == HookConfig.Step.SWITCH_APP
                                    ? "; it runs inside the write pause, so it must be below `cutover.max-pause`." : ".")));
        }

        List<Option<?>> all() {
            return List.of(command, url, token, timeout);
        }
    }

    static final Map<HookConfig.Step, HookOptions> CUTOVER_HOOKS = hookOptions();

    private static Map<HookConfig.Step, HookOptions> hookOptions() {
        Map<HookConfig.Step, HookOptions> hooks = new EnumMap<>(HookConfig.Step.class);
        for (HookConfig.Step step : HookConfig.Step.values()) {
            hooks.put(step, HookOptions.of(step));
        }
        return Collections.unmodifiableMap(hooks);
    }

    static final Option<Integer> VERIFY_CHUNK_ROWS = Option.withDefault("verify.chunk-rows", integer(1, 1_000_000), 10_000,
            "Rows `tandem verify` compares per chunk; each chunk is read in its own consistent snapshot of the source.");
    static final Option<VerifyConfig.Mode> VERIFY_MODE = Option.withDefault("verify.mode",
            oneOf(VerifyConfig.Mode.class), VerifyConfig.Mode.ONCE,
            "`once` runs one verification pass per request; `continuous` (daemon) repeats passes every `verify.pass-interval`.");
    static final Option<Integer> VERIFY_MAX_ROWS_PER_SECOND = Option.withDefault("verify.max-rows-per-second",
            integer(0, Integer.MAX_VALUE), 0, "Throttle: at most this many rows compared per second; `0` is unthrottled.");
    static final Option<Duration> VERIFY_PASS_INTERVAL = Option.withDefault("verify.pass-interval",
            duration(Duration.ZERO), Duration.ofMinutes(10),
            "In `continuous` mode, the pause between the end of one pass and the start of the next.");
    static final Option<Duration> VERIFY_CATCH_UP_TIMEOUT = Option.withDefault("verify.catch-up-timeout",
            duration(Duration.ofSeconds(1)), Duration.ofMinutes(2),
            "How long a chunk waits for the target to commit up to the chunk's source position; past it the pass stops and says replication is not advancing.");
    static final Option<Integer> VERIFY_RECHECK_ROUNDS = Option.withDefault("verify.recheck-rounds", integer(1, 100), 5,
            "Fresh rounds a differing row is re-read in; it is a difference once it differs twice with the same source row, and unsettled if its source row changed in every round.");
    static final Option<Integer> VERIFY_FULL_PASS_EVERY = Option.withDefault("verify.full-pass-every",
            integer(1, 1_000_000), 12,
            "In `continuous` mode, every this many passes (and the first, and on `POST /verify?full=true`) compares every row; the passes between re-check only the rows replicated since the last full pass began. `1`: every pass is full.");
    static final Option<Integer> VERIFY_MAX_TRACKED_KEYS = Option.withDefault("verify.max-tracked-keys",
            integer(1, 100_000_000), 100_000,
            "Primary keys of replicated rows remembered for re-checking (changed-rows passes and the cutover), over all tables; past it the table holding the most is re-checked in full instead.");

    /** A PostgreSQL replication slot or publication name tandem can use unquoted in the replication protocol. */
    private static final Pattern SLOT = Pattern.compile("[a-z0-9_]{1,63}");
    static final Option<Boolean> FAILBACK_ENABLED = Option.withDefault("failback.enabled", bool(), true,
            "Arm the way back: from the end of the snapshot, a publication and a logical slot on PostgreSQL and a reverse stream in shadow mode, so that after a cutover every PostgreSQL write reaches MySQL and `tandem failback` can switch back. Needs `wal_level=logical` and the REPLICATION attribute; `false` makes the cutover one-way.");
    static final Option<String> FAILBACK_SLOT = Option.optional("failback.slot",
            matching("string", SLOT, "a slot name: a-z, 0-9 and _ (at most 63)"), "`tandem_<name>`",
            "Logical replication slot (pgoutput) of the reverse stream; slots are per PostgreSQL server, so instances sharing one need distinct names.");
    static final Option<String> FAILBACK_PUBLICATION = Option.optional("failback.publication",
            matching("string", SLOT, "a publication name: a-z, 0-9 and _ (at most 63)"), "`tandem_<name>`",
            "Publication of the replicated tables (and tandem's reverse heartbeat and fence) that the reverse stream reads.");
    static final Option<Duration> FAILBACK_MAX_PAUSE = Option.withDefault("failback.max-pause",
            duration(Duration.ofSeconds(1)), Duration.ofSeconds(3),
            "Hard budget of the failback's write pause, from fencing PostgreSQL to opening MySQL; past it the failback aborts and PostgreSQL is writable again.");
    static final Option<Duration> FAILBACK_MAX_LAG = Option.withDefault("failback.max-lag",
            duration(Duration.ofMillis(1)), Duration.ofSeconds(1),
            "The failback starts only while the reverse stream's heartbeat lag is below this.");
    static final Option<Long> FAILBACK_MAX_RETAINED_WAL = Option.withDefault("failback.max-retained-wal", size(1),
            8L * 1024 * MiB,
            "WAL the reverse slot may hold back on PostgreSQL before `/status` and `/metrics` raise an alarm (the slot keeps WAL until the reverse stream confirms it).");

    static final List<Option<?>> ALL = withHooks(List.of(NAME_OPTION,
            SOURCE_HOST, SOURCE_PORT, SOURCE_USER, SOURCE_PASSWORD, SOURCE_FLAVOR, SOURCE_DATABASES,
            SOURCE_TABLES_INCLUDE, SOURCE_TABLES_EXCLUDE, SOURCE_SERVER_ID, SOURCE_SSL_MODE, SOURCE_CONTROL_DATABASE,
            TARGET_URL, TARGET_HOST, TARGET_PORT, TARGET_DATABASE, TARGET_USER, TARGET_PASSWORD, TARGET_SSL_MODE,
            COLUMNS,
            SNAPSHOT_PARALLELISM, SNAPSHOT_FETCH_SIZE,
            APPLY_BATCH_MAX_ROWS, APPLY_BATCH_MAX_BYTES, APPLY_QUEUE_MAX_BYTES, APPLY_MAX_BATCH_WAIT,
            ERRORS_ON_BAD_ROW,
            NAMES_CASE,
            VALUES_ZERO_DATES, VALUES_NUL_CHARACTERS,
            DDL_ON_UNSUPPORTED,
            LAG_HEARTBEAT_INTERVAL,
            RETRY_MAX_ATTEMPTS, RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF,
            CONTROL_LISTEN, CONTROL_TOKEN,
            CUTOVER_MAX_PAUSE, CUTOVER_MAX_LAG, CUTOVER_LOCK_WAIT_TIMEOUT, CUTOVER_SOURCE_APP_ACCOUNTS,
            CUTOVER_TARGET_APP_ROLES, CUTOVER_ALLOW_DEAD_LETTERS, CUTOVER_SOURCE_ADMIN_USER, CUTOVER_SOURCE_ADMIN_PASSWORD,
            VERIFY_CHUNK_ROWS, VERIFY_MODE, VERIFY_MAX_ROWS_PER_SECOND, VERIFY_PASS_INTERVAL, VERIFY_CATCH_UP_TIMEOUT,
            VERIFY_RECHECK_ROUNDS, VERIFY_FULL_PASS_EVERY, VERIFY_MAX_TRACKED_KEYS,
            FAILBACK_ENABLED, FAILBACK_SLOT, FAILBACK_PUBLICATION, FAILBACK_MAX_PAUSE, FAILBACK_MAX_LAG,
            FAILBACK_MAX_RETAINED_WAL));

    /** The hook keys close the table, in step order. */
    private static List<Option<?>> withHooks(List<Option<?>> options) {
        List<Option<?>> all = new ArrayList<>(options);
        CUTOVER_HOOKS.values().forEach(hook -> all.addAll(hook.all()));
        return List.copyOf(all);
    }
}
