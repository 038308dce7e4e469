package io.tandem.engine.config;

import java.time.Duration;
import java.util.Objects;

/** Retries of transient errors ({@code retry:}); {@code maxAttempts == 0} means retry forever. */
public record RetryConfig(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryConfig {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    public boolean retriesForever() {
        return maxAttempts == 0;
    }

    static RetryConfig read(Values v) {
        Integer maxAttempts = v.get(Options.RETRY_MAX_ATTEMPTS);
        Duration initial = v.get(Options.RETRY_INITIAL_BACKOFF);
        Duration max = v.get(Options.RETRY_MAX_BACKOFF);
        if (initial != null && max != null && max.compareTo(initial) < 0) {
            v.problem(Options.RETRY_MAX_BACKOFF, "must be at least retry.initial-backoff ("
                    + Quantities.formatDuration(initial) + "), got " + Quantities.formatDuration(max));
        }
        return v.hasProblems() ? null : new RetryConfig(maxAttempts, initial, max);
    }
}
