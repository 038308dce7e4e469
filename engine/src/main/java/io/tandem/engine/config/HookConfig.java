package io.tandem.engine.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One cutover hook ({@code cutover.hooks.<step>:}): a command or an HTTP POST that tells the outside world about a
 * cutover step, with a timeout. Exactly one of {@code command} and {@code url} is set.
 */
public sealed interface HookConfig permits HookConfig.Command, HookConfig.Http {

    /** The cutover steps that call a hook, in the order they run. */
    enum Step implements ConfigEnum {
        /** Before the source is frozen: e.g. put the application into maintenance mode, drain its pools. */
        PRE_FREEZE("pre-freeze", Duration.ofSeconds(10), "e.g. put the application into maintenance mode."),
        /** PostgreSQL is open: point the application at it. Runs inside the write pause. */
        SWITCH_APP("switch-app", Duration.ofSeconds(2), "it points the application at PostgreSQL, inside the write pause."),
        /** After the cutover committed: e.g. end maintenance mode, notify. */
        POST_OPEN("post-open", Duration.ofSeconds(10), "e.g. end maintenance mode or notify.");

        private final String configValue;
        private final Duration defaultTimeout;
        private final String purpose;

        Step(String configValue, Duration defaultTimeout, String purpose) {
            this.configValue = configValue;
            this.defaultTimeout = defaultTimeout;
            this.purpose = purpose;
        }

        @Override
        public String configValue() {
            return configValue;
        }

        Duration defaultTimeout() {
            return defaultTimeout;
        }

        String purpose() {
            return purpose;
        }
    }

    Duration timeout();

    /**
     * Runs {@code argv[0]} with the other items as arguments, without a shell. {@link #toString()} names the program
     * only, in case an argument carries a credential.
     */
    record Command(List<String> argv, Duration timeout) implements HookConfig {
        public Command {
            argv = List.copyOf(argv);
            Objects.requireNonNull(timeout, "timeout");
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("a command hook needs at least the program");
            }
        }

        @Override
        public String toString() {
            return "Command[" + argv.get(0) + " with " + (argv.size() - 1) + " argument(s), timeout="
                    + Quantities.formatDuration(timeout) + "]";
        }
    }

    /**
     * POSTs JSON to {@code url}. {@link #toString()} shows scheme, host and path only: a query string may carry a
     * credential, and logs must not.
     */
    record Http(URI url, Optional<Secret> token, Duration timeout) implements HookConfig {
        public Http {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(timeout, "timeout");
        }

        /** The URL without its query string, for logs. */
        public String safeUrl() {
            return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
        }

        @Override
        public String toString() {
            return "Http[url=" + safeUrl() + ", token=" + token.map(Secret::toString).orElse("(none)") + ", timeout="
                    + Quantities.formatDuration(timeout) + "]";
        }
    }
}
