package io.tandem.engine.metrics;

/** The Prometheus types tandem exposes; rates are left to Prometheus, which computes them from counters. */
public enum MetricType {
    COUNTER("counter"),
    GAUGE("gauge");

    private final String exposition;

    MetricType(String exposition) {
        this.exposition = exposition;
    }

    /** The word used on the {@code # TYPE} line. */
    public String exposition() {
        return exposition;
    }
}
