package io.tandem.deploy.replication;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.postgres.stream.RogueWrite;
import io.tandem.deploy.replication.ReverseStatus;
import io.tandem.engine.metrics.MetricRegistry;
import io.tandem.engine.metrics.PrometheusText;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The way back's metrics as Prometheus text, from the status they read at each scrape. */
class ReverseMetricsTest {

    private final MetricRegistry registry = new MetricRegistry();
    private final AtomicReference<ReverseStatus> status = new AtomicReference<>(arming());

    @Test
    void whileArmingNothingStreamsAndTheUnknownsAreNaN() {
        ReverseMetrics.register(registry, status::get);

        String text = PrometheusText.render(registry);

        assertTrue(text.contains("\ntandem_reverse_streaming 0\n"), text);
        assertTrue(text.contains("\ntandem_reverse_applying 0\n"), text);
        assertTrue(text.contains("\ntandem_reverse_lag_seconds NaN\n"), text);
        assertTrue(text.contains("\ntandem_reverse_slot_retained_wal_bytes NaN\n"), text);
        assertTrue(text.contains("\ntandem_reverse_rogue_writes_total 0\n"), text);
        assertTrue(text.contains("# TYPE tandem_reverse_rogue_writes_total counter\n"), text);
    }

    @Test
    void streamingInApplyModeWithTheWalAlarmRaised() {
        ReverseMetrics.register(registry, status::get);
        RogueWrite rogue = new RogueWrite("shop.orders", "update", "0/16B3748", Instant.parse("2026-01-01T00:00:00Z"));
        status.set(new ReverseStatus(true, "STREAMING", null, "APPLY", "STREAMING", "lsn 0/16B3748", "READY", List.of(),
                9_000_000_000L, true, "0/16B3748", 1234, 2, List.of(rogue, rogue), 0.4, 0.75, 1, List.of()));

        String text = PrometheusText.render(registry);

        assertTrue(text.contains("\ntandem_reverse_streaming 1\n"), text);
        assertTrue(text.contains("\ntandem_reverse_applying 1\n"), text);
        assertTrue(text.contains("\ntandem_reverse_lag_seconds 0.4\n"), text);
        assertTrue(text.contains("\ntandem_reverse_lag_p99_seconds 0.75\n"), text);
        assertTrue(text.contains("\ntandem_reverse_slot_retained_wal_bytes 9000000000\n"), text);
        assertTrue(text.contains("\ntandem_reverse_slot_retained_wal_alarm 1\n"), text);
        assertTrue(text.contains("\ntandem_reverse_rogue_writes_total 2\n"), text);
        assertTrue(text.contains("\ntandem_reverse_forward_events_filtered_total 1234\n"), text);
        assertTrue(text.contains("\ntandem_reverse_heartbeat_write_failures_total 1\n"), text);
    }

    private static ReverseStatus arming() {
        return new ReverseStatus(true, "ARMING", null, "SHADOW", "NEW", null, "CREATING", List.of("pid 42 (xid 7)"),
                null, false, null, 0, 0, List.of(), null, null, 0, List.of());
    }
}
