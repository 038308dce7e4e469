package io.tandem.engine.metrics;

import java.util.List;

/** One series' current value; {@code labelValues} line up with the family's label names. */
public record Sample(List<String> labelValues, double value) {

    public Sample {
        labelValues = List.copyOf(labelValues);
    }
}
