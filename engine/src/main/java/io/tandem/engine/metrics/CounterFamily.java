package io.tandem.engine.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Counters sharing a name, one per combination of label values, created on first use. */
public final class CounterFamily implements MetricFamily {

    private final Descriptor descriptor;
    private final ConcurrentMap<List<String>, Counter> series = new ConcurrentHashMap<>();

    CounterFamily(Descriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** The counter for these label values (none for an unlabelled family). */
    public Counter labels(String... labelValues) {
        return series.computeIfAbsent(descriptor.series(labelValues), key -> new Counter());
    }

    /** The sum over all series, e.g. every table and op. */
    public long total() {
        return series.values().stream().mapToLong(Counter::value).sum();
    }

    @Override
    public String name() {
        return descriptor.name();
    }

    @Override
    public String help() {
        return descriptor.help();
    }

    @Override
    public MetricType type() {
        return descriptor.type();
    }

    @Override
    public List<String> labelNames() {
        return descriptor.labelNames();
    }

    @Override
    public List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (Map.Entry<List<String>, Counter> entry : series.entrySet()) {
            samples.add(new Sample(entry.getKey(), entry.getValue().value()));
        }
        samples.sort(Comparator.comparing(Sample::labelValues, SeriesOrder.INSTANCE));
        return samples;
    }
}
