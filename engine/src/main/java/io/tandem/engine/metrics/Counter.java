package io.tandem.engine.metrics;

import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count; a LongAdder because many threads bump it and only scrapes read it. */
public final class Counter {

    private final LongAdder sum = new LongAdder();

    public void inc() {
        sum.increment();
    }

    /** Rejects negative steps: Prometheus treats any decrease of a counter as a process restart. */
    public void add(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("a counter only goes up; got an increment of " + n);
        }
        sum.add(n);
    }

    public long value() {
        return sum.sum();
    }
}
