package io.tandem.engine.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/** The set of metric families one process exposes, in registration order. */
public final class MetricRegistry {

    private final Map<String, MetricFamily> families = new LinkedHashMap<>();

    public CounterFamily counter(String name, String help, String... labelNames) {
        return add(new CounterFamily(new Descriptor(name, help, MetricType.COUNTER, List.of(labelNames))));
    }

    public GaugeFamily gauge(String name, String help, String... labelNames) {
        return add(new GaugeFamily(new Descriptor(name, help, MetricType.GAUGE, List.of(labelNames))));
    }

    /** An unlabelled gauge in one call. */
    public Gauge gauge(String name, String help, DoubleSupplier supplier) {
        return gauge(name, help, new String[0]).register(supplier);
    }

    /**
     * An unlabelled counter whose count another component keeps (e.g. a decoder counting what it drops), read at
     * each scrape; {@code count} must never go down.
     */
    public Gauge counter(String name, String help, LongSupplier count) {
        return add(new GaugeFamily(new Descriptor(name, help, MetricType.COUNTER, List.of())))
                .register(count::getAsLong);
    }

    public synchronized List<MetricFamily> families() {
        return new ArrayList<>(families.values());
    }

    // Two owners of one name would silently overwrite each other's series in Prometheus.
    private synchronized <F extends MetricFamily> F add(F family) {
        if (families.putIfAbsent(family.name(), family) != null) {
            throw new IllegalArgumentException("metric " + family.name() + " is already registered");
        }
        return family;
    }
}
