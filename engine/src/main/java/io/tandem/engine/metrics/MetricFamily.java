package io.tandem.engine.metrics;

import java.util.List;

/** A metric name with its help text, type and label names, and the series recorded under it. */
public sealed interface MetricFamily permits CounterFamily, GaugeFamily {

    String name();

    String help();

    MetricType type();

    List<String> labelNames();

    /** The current value of every series, sorted by label values so successive scrapes line up. */
    List<Sample> samples();
}
