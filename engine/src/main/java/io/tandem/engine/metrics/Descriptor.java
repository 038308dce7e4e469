package io.tandem.engine.metrics;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Name, help, type and label names of a family, validated once so rendering never has to. */
record Descriptor(String name, String help, MetricType type, List<String> labelNames) {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    Descriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(type, "type");
        labelNames = List.copyOf(labelNames);
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name '" + name + "'");
        }
        // OpenMetrics and Prometheus conventions: a counter's name says it is a running total.
        if (type == MetricType.COUNTER && !name.endsWith("_total")) {
            throw new IllegalArgumentException("counter '" + name + "' must end in _total");
        }
        for (String label : labelNames) {
            // Names starting with __ are reserved for Prometheus itself.
            if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException("invalid label name '" + label + "' on " + name);
            }
        }
        if (labelNames.stream().distinct().count() != labelNames.size()) {
            throw new IllegalArgumentException("duplicate label name on " + name + ": " + labelNames);
        }
    }

    /** The key of one series: the label values, checked against the declared label names. */
    List<String> series(String... labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException(
                    name + " takes labels " + labelNames + " but got " + labelValues.length + " values");
        }
        for (int i = 0; i < labelValues.length; i++) {
            Objects.requireNonNull(labelValues[i], () -> "label value of '" + labelNames + "' on " + name);
        }
        return List.of(labelValues);
    }
}
