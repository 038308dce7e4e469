package io.tandem.cutover.gate;

import io.tandem.cutover.GateCheck;
import io.tandem.engine.lag.LagReading;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The heartbeat lag's p99 over the last minute is below {@code cutover.max-lag}, and the newest heartbeat has
 * arrived: the drain inside the write pause then takes about that long.
 */
public final class LagBelow implements GateCheck {

    private final Supplier<LagReading> lag;
    private final Duration maxLag;

    public LagBelow(Supplier<LagReading> lag, Duration maxLag) {
        this.lag = lag;
        this.maxLag = maxLag;
    }

    @Override
    public Result evaluate() {
        LagReading reading = lag.get();
        double limit = maxLag.toNanos() / 1e9;
        if (reading.p99Seconds() == null || reading.lagSeconds() == null) {
            return Result.fail("lag", "no heartbeat has arrived on PostgreSQL yet (is streaming running?)");
        }
        String measured = String.format("p99 %.3f s, now %.3f s over the last minute", reading.p99Seconds(),
                reading.lagSeconds());
        if (reading.p99Seconds() > limit || reading.lagSeconds() > limit) {
            return Result.fail("lag", measured + "; above cutover.max-lag " + maxLag.toMillis() + " ms");
        }
        return Result.pass("lag", measured);
    }
}
