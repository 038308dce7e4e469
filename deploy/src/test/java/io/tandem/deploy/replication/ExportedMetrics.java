package io.tandem.deploy.replication;

import io.tandem.engine.metrics.MetricRegistry;
import io.tandem.engine.metrics.TandemMetrics;
import java.time.Clock;
import java.util.List;

/**
 * The registry {@code /metrics} renders, filled as {@link Daemon#start} fills it (forward, way back, resync) but
 * without servers: the deploy files' tests read the metric names and labels tandem really exports from it.
 */
public final class ExportedMetrics {

    private ExportedMetrics() {
    }

    public static MetricRegistry registry() {
        Clock clock = Clock.systemUTC();
        TandemMetrics metrics = new TandemMetrics(clock);
        metrics.phase("STREAMING");
        MetricRegistry registry = metrics.registry();
        ReverseStatus arming = new ReverseStatus(true, "ARMING", null, "SHADOW", "NEW", null, null, List.of(),
                null, false, null, 0, 0, List.of(), null, null, 0, List.of());
        ReverseMetrics.register(registry, () -> arming);
        ResyncMetrics.register(registry, List::of, clock);
        return registry;
    }
}
