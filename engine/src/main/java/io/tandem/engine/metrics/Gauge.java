package io.tandem.engine.metrics;

import java.util.Objects;
import java.util.function.DoubleSupplier;

/** A value read at scrape time from whoever owns it, so the metric can never drift from the source of truth. */
public final class Gauge {

    private final DoubleSupplier supplier;

    public Gauge(DoubleSupplier supplier) {
        this.supplier = Objects.requireNonNull(supplier, "supplier");
    }

    public double value() {
        return supplier.getAsDouble();
    }
}
