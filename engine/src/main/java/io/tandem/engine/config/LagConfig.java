package io.tandem.engine.config;

import java.time.Duration;
import java.util.Objects;

/** How tandem measures its lag ({@code lag:}): a heartbeat row it writes on the source and reads on the target. */
public record LagConfig(Duration heartbeatInterval) {

    public LagConfig {
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    }

    static LagConfig read(Values v) {
        Duration interval = v.get(Options.LAG_HEARTBEAT_INTERVAL);
        if (interval != null && interval.compareTo(Options.MAX_HEARTBEAT_INTERVAL) > 0) {
            v.problem(Options.LAG_HEARTBEAT_INTERVAL, "is " + interval.toMillis() + "ms; at most "
                    + Options.MAX_HEARTBEAT_INTERVAL.toSeconds() + "s, since lag is only as fine as one interval "
                    + "(the default 200ms suits most sources)");
        }
        return v.hasProblems() ? null : new LagConfig(interval);
    }
}
