package io.tandem.deploy.replication;

import io.tandem.engine.metrics.MetricRegistry;
import io.tandem.engine.metrics.TandemMetrics;
import java.util.function.Supplier;

/**
 * The way back's metrics on {@code /metrics}, beside forward replication's and named like them under
 * {@code tandem_reverse_}: each read from the way back's status at the scrape, so none can go stale. Registered only
 * when failback is enabled.
 */
final class ReverseMetrics {

    private static final String PREFIX = TandemMetrics.PREFIX + "reverse_";

    private ReverseMetrics() {
    }

    static void register(MetricRegistry registry, Supplier<ReverseStatus> status) {
        registry.gauge(PREFIX + "streaming", "1 while the reverse stream (PostgreSQL to MySQL) runs, 0 while it is not"
                + " armed yet, being armed (the slot may wait for open transactions), unavailable or failed.",
                () -> streaming(status.get()) ? 1 : 0);
        registry.gauge(PREFIX + "applying", "1 when the reverse stream applies PostgreSQL's writes to MySQL (after a "
                + "cutover), 0 in shadow mode (before one: only heartbeats are applied, other writes are rogue).",
                () -> "APPLY".equals(status.get().mode()) ? 1 : 0);
        registry.gauge(PREFIX + "lag_seconds", "Seconds since tandem wrote the newest reverse heartbeat (on "
                + "PostgreSQL) that is now committed on MySQL; NaN before the first one arrived.",
                () -> orNaN(status.get().lagSeconds()));
        registry.gauge(PREFIX + "lag_p99_seconds", "99th percentile of tandem_reverse_lag_seconds over the last 60 s;"
                + " NaN without samples.", () -> orNaN(status.get().lagP99Seconds()));
        registry.gauge(PREFIX + "slot_retained_wal_bytes", "WAL the reverse slot holds back on PostgreSQL (from its "
                + "restart LSN to the current WAL position), read at most every 5 s; NaN until the slot exists.",
                () -> {
                    Long bytes = status.get().retainedWalBytes();
                    return bytes == null ? Double.NaN : bytes;
                });
        registry.gauge(PREFIX + "slot_retained_wal_alarm", "1 while the reverse slot holds back more WAL than "
                + "failback.max-retained-wal: the reverse stream is stalled or too slow, and PostgreSQL's disk fills.",
                () -> status.get().retainedWalAlarm() ? 1 : 0);
        registry.counter(PREFIX + "rogue_writes_total", "Writes to replicated tables on PostgreSQL in shadow mode "
                + "that tandem did not make (the application must not write there before the cutover); not applied "
                + "to MySQL. The latest ones are in /status under failback.", () -> status.get().rogueWrites());
        registry.counter(PREFIX + "forward_events_filtered_total", "Changes on PostgreSQL that tandem's forward sink "
                + "made, left out of the reverse stream by their replication origin (on the client; PostgreSQL 16 "
                + "and later leave them out in the server, so this stays low there).",
                () -> status.get().forwardEventsFiltered());
        registry.counter(PREFIX + "heartbeat_write_failures_total", "Reverse heartbeat writes on PostgreSQL that "
                + "failed; tandem_reverse_lag_seconds rises while they fail.", () -> status.get().heartbeatFailures());
    }

    private static boolean streaming(ReverseStatus status) {
        return ReverseReplication.Phase.STREAMING.name().equals(status.phase()) && "STREAMING".equals(status.state());
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
