package io.tandem.engine.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The switchover ({@code cutover:}): its time budget and gate, who is frozen on the source and opened on the target,
 * the login that freezes the source, and the hooks.
 *
 * @param sourceAppAccounts as written ({@code 'app'@'%'}); the connectors module parses them into accounts
 * @param sourceAdmin a separate source login for the freeze; empty means {@code source.user} does it
 * @param hooks only the configured steps
 */
public record CutoverConfig(Duration maxPause, Duration maxLag, Duration lockWaitTimeout, List<String> sourceAppAccounts,
                            List<String> targetAppRoles, boolean allowDeadLetters, Optional<SourceAdmin> sourceAdmin,
                            Map<HookConfig.Step, HookConfig> hooks) {

    public CutoverConfig {
        Objects.requireNonNull(maxPause, "maxPause");
        Objects.requireNonNull(maxLag, "maxLag");
        Objects.requireNonNull(lockWaitTimeout, "lockWaitTimeout");
        sourceAppAccounts = List.copyOf(sourceAppAccounts);
        targetAppRoles = List.copyOf(targetAppRoles);
        Objects.requireNonNull(sourceAdmin, "sourceAdmin");
        hooks = hooks.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(hooks));
    }

    /** The login for freezing the source; its password prints masked. */
    public record SourceAdmin(String user, Optional<Secret> password) {
        public SourceAdmin {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }
    }

    public Optional<HookConfig> hook(HookConfig.Step step) {
        return Optional.ofNullable(hooks.get(step));
    }

    static CutoverConfig read(Values v) {
        Duration maxPause = v.get(Options.CUTOVER_MAX_PAUSE);
        Duration lockWait = v.get(Options.CUTOVER_LOCK_WAIT_TIMEOUT);
        if (lockWait != null && lockWait.toNanos() % 1_000_000_000L != 0) {
            v.problem(Options.CUTOVER_LOCK_WAIT_TIMEOUT, "must be whole seconds (the server counts lock_wait_timeout"
                    + " in seconds), got " + Quantities.formatDuration(lockWait) + "; e.g. 1s or 2s");
        } else if (lockWait != null && maxPause != null && lockWait.compareTo(maxPause) >= 0) {
            v.problem(Options.CUTOVER_LOCK_WAIT_TIMEOUT, "must be below cutover.max-pause ("
                    + Quantities.formatDuration(maxPause) + "), got " + Quantities.formatDuration(lockWait)
                    + "; a freeze that waits longer than the whole pause budget cannot finish in time");
        }
        Optional<String> adminUser = v.optional(Options.CUTOVER_SOURCE_ADMIN_USER);
        Optional<Secret> adminPassword = v.optional(Options.CUTOVER_SOURCE_ADMIN_PASSWORD);
        if (adminUser.isEmpty() && v.isSet(Options.CUTOVER_SOURCE_ADMIN_PASSWORD)) {
            v.problem(Options.CUTOVER_SOURCE_ADMIN_PASSWORD, "is set without cutover.source-admin.user; add the user,"
                    + " or remove the password to freeze with source.user");
        }
        checkAppAccounts(v, v.get(Options.SOURCE_USER), adminUser);
        Map<HookConfig.Step, HookConfig> hooks = new EnumMap<>(HookConfig.Step.class);
        for (HookConfig.Step step : HookConfig.Step.values()) {
            readHook(v, Options.CUTOVER_HOOKS.get(step)).ifPresent(hook -> hooks.put(step, hook));
        }
        Duration switchTimeout = v.get(Options.CUTOVER_HOOKS.get(HookConfig.Step.SWITCH_APP).timeout());
        if (switchTimeout != null && maxPause != null && switchTimeout.compareTo(maxPause) >= 0) {
            v.problem(Options.CUTOVER_HOOKS.get(HookConfig.Step.SWITCH_APP).timeout(), "must be below cutover.max-pause ("
                    + Quantities.formatDuration(maxPause) + "), got " + Quantities.formatDuration(switchTimeout)
                    + "; the switch-app hook runs inside the write pause, so lower it or raise cutover.max-pause");
        }
        return v.hasProblems() ? null
                : new CutoverConfig(maxPause, v.get(Options.CUTOVER_MAX_LAG), lockWait,
                        v.get(Options.CUTOVER_SOURCE_APP_ACCOUNTS), v.get(Options.CUTOVER_TARGET_APP_ROLES),
                        v.get(Options.CUTOVER_ALLOW_DEAD_LETTERS), adminUser.map(u -> new SourceAdmin(u, adminPassword)),
                        hooks);
    }

    /** Locking tandem's own login would stop replication or lock the freeze out; both are certainly mistakes. */
    private static void checkAppAccounts(Values v, String sourceUser, Optional<String> adminUser) {
        List<String> accounts = v.get(Options.CUTOVER_SOURCE_APP_ACCOUNTS);
        if (accounts == null) {
            return;
        }
        for (int i = 0; i < accounts.size(); i++) {
            String user = userOf(accounts.get(i));
            String path = Options.CUTOVER_SOURCE_APP_ACCOUNTS.path() + "[" + i + "]";
            if (user.equals(sourceUser)) {
                v.problem(path, "names source.user (" + user + "), tandem's replication login; the freeze would kill"
                        + " replication. List only the application's accounts");
            } else if (adminUser.isPresent() && user.equals(adminUser.get())) {
                v.problem(path, "names cutover.source-admin.user (" + user + "); the freeze would lock itself out."
                        + " List only the application's accounts");
            }
        }
    }

    /** The user part of {@code 'user'@'host'}, {@code user@host} or {@code user}. */
    private static String userOf(String account) {
        String text = account.strip();
        int at = text.indexOf('@');
        String user = at < 0 ? text : text.substring(0, at);
        return user.replace("'", "");
    }

    private static Optional<HookConfig> readHook(Values v, Options.HookOptions keys) {
        Optional<List<String>> command = v.optional(keys.command());
        Optional<String> url = v.optional(keys.url());
        Optional<Secret> token = v.optional(keys.token());
        Duration timeout = v.get(keys.timeout());
        if (command.isPresent() && url.isPresent()) {
            v.problem(keys.url(), "is set together with " + keys.command().path() + "; a hook is either a command or a URL,"
                    + " remove one of them");
            return Optional.empty();
        }
        if (command.isPresent() && command.get().isEmpty()) {
            v.problem(keys.command(), "must name at least the program to run, e.g. [/usr/local/bin/switch-app]");
            return Optional.empty();
        }
        if (token.isPresent() && url.isEmpty()) {
            v.problem(keys.token(), "is only sent with " + keys.url().path() + "; set the URL or remove the token"
                    + " (a command hook gets its secrets from its own environment)");
            return Optional.empty();
        }
        if (timeout == null) {
            return Optional.empty();
        }
        if (command.isPresent()) {
            return Optional.of(new HookConfig.Command(command.get(), timeout));
        }
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HookConfig.Http(new URI(url.get()), token, timeout));
        } catch (URISyntaxException e) {
            v.problem(keys.url(), "is not a valid URL (" + e.getReason() + " at index " + e.getIndex()
                    + "); percent-encode special characters");
            return Optional.empty();
        }
    }
}
