package io.tandem.engine.pipeline;

import java.time.Duration;

/**
 * How transient target failures are retried: exponential backoff with jitter, capped.
 *
 * @param maxAttempts attempts in all, 0 for no limit (a database restart should never end replication)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 0 || initialBackoff.isNegative() || initialBackoff.isZero()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("invalid retry policy " + maxAttempts + ", " + initialBackoff
                    + ", " + maxBackoff);
        }
    }
}
