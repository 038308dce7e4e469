package io.tandem.engine.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Series sharing a name, one per combination of label values, each backed by a supplier: gauges, or counters whose
 * count another component keeps ({@link MetricRegistry#counter(String, String, java.util.function.LongSupplier)}).
 */
public final class GaugeFamily implements MetricFamily {

    private static final Logger LOG = LoggerFactory.getLogger(GaugeFamily.class);

    private final Descriptor descriptor;
    private final ConcurrentMap<List<String>, Gauge> series = new ConcurrentHashMap<>();
    private final List<Supplier<Map<List<String>, Double>>> varying = new CopyOnWriteArrayList<>();

    GaugeFamily(Descriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** Adds a series; a second registration of the same label values is a wiring bug, so it throws. */
    public Gauge register(DoubleSupplier supplier, String... labelValues) {
        List<String> key = descriptor.series(labelValues);
        Gauge gauge = new Gauge(supplier);
        if (series.putIfAbsent(key, gauge) != null) {
            throw new IllegalArgumentException(descriptor.name() + key + " is already registered");
        }
        return gauge;
    }

    /**
     * Adds series whose label values are known only when scraped (e.g. the tables being copied again now):
     * {@code current} gives every such series, label values to value, at each scrape; a series it leaves out is
     * gone from that scrape.
     */
    public void registerVarying(Supplier<Map<List<String>, Double>> current) {
        varying.add(current);
    }

    public boolean contains(String... labelValues) {
        return series.containsKey(descriptor.series(labelValues));
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
        for (Map.Entry<List<String>, Gauge> entry : series.entrySet()) {
            samples.add(new Sample(entry.getKey(), read(entry.getKey(), entry.getValue())));
        }
        for (Supplier<Map<List<String>, Double>> current : varying) {
            samples.addAll(read(current));
        }
        samples.sort(Comparator.comparing(Sample::labelValues, SeriesOrder.INSTANCE));
        return samples;
    }

    private List<Sample> read(Supplier<Map<List<String>, Double>> current) {
        try {
            List<Sample> read = new ArrayList<>();
            current.get().forEach((labelValues, value) -> read.add(
                    new Sample(descriptor.series(labelValues.toArray(String[]::new)), value)));
            return read;
        } catch (RuntimeException e) {
            LOG.warn("the series of {} could not be read", descriptor.name(), e);
            return List.of();
        }
    }

    // One broken supplier must not take the whole scrape down with it; NaN tells the reader the value is missing.
    private double read(List<String> key, Gauge gauge) {
        try {
            return gauge.value();
        } catch (RuntimeException e) {
            LOG.warn("gauge {}{} could not be read", descriptor.name(), key, e);
            return Double.NaN;
        }
    }
}
