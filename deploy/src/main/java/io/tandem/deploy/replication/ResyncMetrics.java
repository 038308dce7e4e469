package io.tandem.deploy.replication;

import io.tandem.connectors.mysql.resync.ResyncStatus;
import io.tandem.engine.metrics.MetricRegistry;
import io.tandem.engine.metrics.TandemMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The resyncs' metrics on {@code /metrics}, each read from forward replication's resync status at the scrape: the
 * rows each table's latest resync copied, how many are unfinished, and how long the stream has been held waiting for
 * a copy (every table's changes wait then).
 */
final class ResyncMetrics {

    private static final String PREFIX = TandemMetrics.PREFIX;

    private ResyncMetrics() {
    }

    static void register(MetricRegistry registry, Supplier<List<ResyncStatus>> status, Clock clock) {
        registry.gauge(PREFIX + "resync_rows_copied", "Rows copied by the latest resync (online re-copy) of each "
                + "table listed under resync in /status: the running one, else the latest finished one of this run.",
                "table").registerVarying(() -> rowsCopied(status.get()));
        registry.gauge(PREFIX + "resyncs_unfinished", "Resyncs not swapped in yet (waiting, copying, copied or "
                + "failed); the cutover waits until there are none.",
                () -> ResyncRoutes.unfinished(status.get()).size());
        registry.gauge(PREFIX + "resync_stream_held_seconds", "How long the stream has waited for a re-copy to "
                + "commit (it reached the table's first change after the copy position; every table's changes wait "
                + "behind it); 0 while it does not wait.", () -> heldSeconds(status.get(), clock));
    }

    private static Map<List<String>, Double> rowsCopied(List<ResyncStatus> all) {
        Map<List<String>, Double> rows = new LinkedHashMap<>();
        // Unfinished come first, then the latest finished: the first one listed per table is its latest.
        for (ResyncStatus resync : all) {
            rows.putIfAbsent(List.of(resync.table().toString()), (double) resync.rowsCopied());
        }
        return rows;
    }

    private static double heldSeconds(List<ResyncStatus> all, Clock clock) {
        return ResyncRoutes.unfinished(all).stream().filter(resync -> resync.streamHeldSince() != null)
                .mapToDouble(resync -> Duration.between(resync.streamHeldSince(), clock.instant()).toMillis() / 1000.0)
                .max().orElse(0);
    }
}
