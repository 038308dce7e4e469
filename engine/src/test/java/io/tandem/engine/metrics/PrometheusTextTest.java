package io.tandem.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void rendersHelpTypeAndSamplesSortedByLabels() {
        MetricRegistry registry = new MetricRegistry();
        CounterFamily applied = registry.counter("tandem_events_applied_total", "Row changes applied.", "table", "op");
        applied.labels("sakila.film", "update").add(3);
        applied.labels("sakila.actor", "insert").add(12_000_000_000L);
        registry.gauge("tandem_lag_seconds", "Lag.", () -> 0.25);

        assertEquals("""
                # HELP tandem_events_applied_total Row changes applied.
                # TYPE tandem_events_applied_total counter
                tandem_events_applied_total{table="sakila.actor",op="insert"} 12000000000
                tandem_events_applied_total{table="sakila.film",op="update"} 3
                # HELP tandem_lag_seconds Lag.
                # TYPE tandem_lag_seconds gauge
                tandem_lag_seconds 0.25
                """, PrometheusText.render(registry));
    }

    @Test
    void escapesBackslashQuoteAndNewlineInLabelValues() {
        MetricRegistry registry = new MetricRegistry();
        registry.counter("tandem_rows_dead_lettered_total", "Rows.", "table").labels("we\"ird\\db.ta\nble").inc();

        String line = sampleLines(PrometheusText.render(registry)).get(0);

        assertEquals("tandem_rows_dead_lettered_total{table=\"we\\\"ird\\\\db.ta\\nble\"} 1", line);
    }

    @Test
    void escapesBackslashAndNewlineButNotQuotesInHelp() {
        assertEquals("a \\\\ b \\n \"c\"", PrometheusText.escapeHelp("a \\ b \n \"c\""));
    }

    @Test
    void formatsSpecialValuesAsPrometheusSpellsThem() {
        assertEquals("NaN", PrometheusText.formatValue(Double.NaN));
        assertEquals("+Inf", PrometheusText.formatValue(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusText.formatValue(Double.NEGATIVE_INFINITY));
        assertEquals("-2", PrometheusText.formatValue(-2.0));
        assertEquals("1.0E20", PrometheusText.formatValue(1e20));
    }

    @Test
    void aThrowingGaugeBecomesNaNInsteadOfFailingTheScrape() {
        MetricRegistry registry = new MetricRegistry();
        registry.gauge("tandem_broken", "Broken.", () -> {
            throw new IllegalStateException("boom");
        });
        registry.counter("tandem_after_total", "After.").labels().inc();

        String text = PrometheusText.render(registry);

        assertTrue(text.contains("tandem_broken NaN\n"), text);
        assertTrue(text.contains("tandem_after_total 1\n"), text);
    }

    @Test
    void varyingSeriesAreReadAtEachScrapeAndABrokenOneIsLeftOut() {
        MetricRegistry registry = new MetricRegistry();
        Map<List<String>, Double> now = new LinkedHashMap<>();
        GaugeFamily copied = registry.gauge("tandem_rows_copied", "Rows.", "table");
        copied.registerVarying(() -> now);
        copied.registerVarying(() -> Map.of(List.of("two", "labels"), 1.0));
        now.put(List.of("shop.orders"), 12.0);
        now.put(List.of("shop.events"), 3.0);

        assertEquals(List.of("tandem_rows_copied{table=\"shop.events\"} 3",
                "tandem_rows_copied{table=\"shop.orders\"} 12"), sampleLines(PrometheusText.render(registry)));
        now.remove(List.of("shop.orders"));
        assertEquals(List.of("tandem_rows_copied{table=\"shop.events\"} 3"),
                sampleLines(PrometheusText.render(registry)));
    }

    @Test
    void rejectsNamesPrometheusWouldNotAccept() {
        MetricRegistry registry = new MetricRegistry();
        assertThrows(IllegalArgumentException.class, () -> registry.counter("tandem-bad_total", "x"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("tandem_events", "counters end in _total"));
        assertThrows(IllegalArgumentException.class, () -> registry.gauge("tandem_g", "x", "__reserved"));
        assertThrows(IllegalArgumentException.class, () -> registry.gauge("tandem_g", "x", "a", "a"));
        registry.gauge("tandem_once", "x", () -> 1);
        assertThrows(IllegalArgumentException.class, () -> registry.gauge("tandem_once", "x", () -> 2));
    }

    @Test
    void aCounterKeptElsewhereIsReadAtEachScrapeAndTypedCounter() {
        MetricRegistry registry = new MetricRegistry();
        java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong(3);
        registry.counter("tandem_dropped_total", "Dropped elsewhere.", dropped::get);

        assertTrue(PrometheusText.render(registry).contains("# TYPE tandem_dropped_total counter\n"
                + "tandem_dropped_total 3\n"));
        dropped.addAndGet(2);
        assertTrue(PrometheusText.render(registry).contains("tandem_dropped_total 5\n"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("tandem_dropped", "x", dropped::get));
    }

    @Test
    void rejectsTheWrongNumberOfLabelValues() {
        CounterFamily counter = new MetricRegistry().counter("tandem_x_total", "x", "table");
        assertThrows(IllegalArgumentException.class, () -> counter.labels());
        assertThrows(IllegalArgumentException.class, () -> counter.labels("a", "b"));
        assertThrows(NullPointerException.class, () -> counter.labels((String) null));
    }

    private static List<String> sampleLines(String text) {
        return text.lines().filter(line -> !line.startsWith("#")).toList();
    }
}
