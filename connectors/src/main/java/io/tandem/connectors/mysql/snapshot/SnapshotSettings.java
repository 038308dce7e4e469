package io.tandem.connectors.mysql.snapshot;

import io.tandem.engine.config.SnapshotConfig;
import io.tandem.engine.values.ValuePolicies;
import java.time.Duration;
import java.util.Objects;

/**
 * How the copy runs.
 *
 * @param parallelism tables copied at the same time, each on its own source connection
 * @param fetchRows rows per round trip of MariaDB's streaming result sets (MySQL streams row by row)
 * @param lockWaitTimeout MySQL only: how long FLUSH TABLES WITH READ LOCK may wait for running statements
 *     before the copy gives up; while it waits, new writes on the source queue behind it, so keep it short
 * @param valuePolicies what happens to values PostgreSQL cannot hold
 */
public record SnapshotSettings(int parallelism, int fetchRows, Duration lockWaitTimeout, ValuePolicies valuePolicies) {

    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);

    public SnapshotSettings {
        Objects.requireNonNull(lockWaitTimeout, "lockWaitTimeout");
        Objects.requireNonNull(valuePolicies, "valuePolicies");
        if (parallelism < 1 || fetchRows < 1 || lockWaitTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("parallelism, fetch rows and lock wait (seconds) must be positive");
        }
    }

    /** With the default value policies. */
    public SnapshotSettings(int parallelism, int fetchRows, Duration lockWaitTimeout) {
        this(parallelism, fetchRows, lockWaitTimeout, ValuePolicies.DEFAULTS);
    }

    public static SnapshotSettings from(SnapshotConfig config, ValuePolicies valuePolicies) {
        return new SnapshotSettings(config.parallelism(), config.fetchSize(), DEFAULT_LOCK_WAIT, valuePolicies);
    }

    public SnapshotSettings withValuePolicies(ValuePolicies policies) {
        return new SnapshotSettings(parallelism, fetchRows, lockWaitTimeout, policies);
    }
}
