package io.tandem.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.lag.HeartbeatLag;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TandemMetricsTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final TandemMetrics metrics = new TandemMetrics(clock);

    @Test
    void countsAppliedEventsByTableAndLowerCasedOpAndFeedsTheRate() {
        metrics.eventsApplied("sakila.film", "INSERT", 40);
        metrics.eventsApplied("sakila.film", "insert", 2);
        metrics.eventsApplied("sakila.actor", "delete", 8);
        clock.advance(Duration.ofSeconds(2));

        assertEquals(50, metrics.eventsAppliedTotal());
        assertEquals(25.0, metrics.eventsPerSecond());
        assertTrue(render().contains("tandem_events_applied_total{table=\"sakila.film\",op=\"insert\"} 42\n"));
    }

    @Test
    void exposesEveryPlannedMetricUnderThePrefix() {
        metrics.batchCommitted();
        metrics.snapshotRowsCopied("sakila.film", 1000);
        metrics.rowsDeadLettered("sakila.film", 2);
        metrics.retried("sink");
        metrics.ddlSkipped("shop.orders");
        HeartbeatLag lag = new HeartbeatLag(clock, Duration.ofMillis(200));
        lag.written(3);
        lag.applied(2, micros(clock.instant()));
        clock.advance(Duration.ofMillis(1500));
        lag.sample();
        metrics.measureLagWith(lag);
        metrics.measureBacklogWith(() -> 0.25);
        metrics.heartbeatWriteFailed();

        String text = render();

        assertTrue(text.contains("tandem_batches_committed_total 1\n"), text);
        assertTrue(text.contains("tandem_snapshot_rows_copied_total{table=\"sakila.film\"} 1000\n"), text);
        assertTrue(text.contains("tandem_rows_dead_lettered_total{table=\"sakila.film\"} 2\n"), text);
        assertTrue(text.contains("tandem_retries_total{component=\"sink\"} 1\n"), text);
        assertTrue(text.contains("tandem_lag_seconds 1.5\n"), text);
        assertTrue(text.contains("tandem_lag_p50_seconds 1.5\n"), text);
        assertTrue(text.contains("tandem_lag_p99_seconds 1.5\n"), text);
        assertTrue(text.contains("tandem_heartbeat_seq_gap 1\n"), text);
        assertTrue(text.contains("tandem_apply_backlog_seconds 0.25\n"), text);
        assertTrue(text.contains("tandem_heartbeat_write_failures_total 1\n"), text);
        assertTrue(text.contains("tandem_ddl_skipped_total{table=\"shop.orders\"} 1\n"), text);
        assertEquals(2, metrics.deadLetteredTotal());
        assertEquals(1, metrics.ddlSkippedTotal());
        text.lines().filter(line -> !line.startsWith("#"))
                .forEach(line -> assertTrue(line.startsWith(TandemMetrics.PREFIX), line));
    }

    @Test
    void lagIsNaNWhileUnknown() {
        assertNull(metrics.lagSeconds());
        assertTrue(render().contains("tandem_lag_seconds NaN\n"));
        assertTrue(render().contains("tandem_heartbeat_seq_gap NaN\n"));
        assertTrue(render().contains("tandem_apply_backlog_seconds NaN\n"));
        HeartbeatLag lag = new HeartbeatLag(clock, Duration.ofMillis(200));
        metrics.measureLagWith(lag);
        assertNull(metrics.lagSeconds());
        lag.applied(1, micros(clock.instant()));
        clock.advance(Duration.ofSeconds(3));
        assertEquals(3.0, metrics.lagSeconds());
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    @Test
    void phaseGaugeIsOneForTheCurrentPhaseOnly() {
        metrics.phase("snapshot");
        metrics.phase("streaming");

        String text = render();

        assertTrue(text.contains("tandem_pipeline_phase{phase=\"snapshot\"} 0\n"), text);
        assertTrue(text.contains("tandem_pipeline_phase{phase=\"streaming\"} 1\n"), text);
        metrics.phase("snapshot");
        assertTrue(render().contains("tandem_pipeline_phase{phase=\"snapshot\"} 1\n"));
    }

    @Test
    void countersRefuseToGoDown() {
        assertThrows(IllegalArgumentException.class, () -> metrics.eventsApplied("t", "insert", -1));
    }

    private String render() {
        return PrometheusText.render(metrics.registry());
    }
}
