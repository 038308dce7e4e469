package io.tandem.cutover.gate;

import io.tandem.cutover.GateCheck;
import io.tandem.engine.lag.LagReading;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The heartbeat lag's p99 over the last minute is below its limit ({@code cutover.max-lag} for the forward lag,
 * {@code failback.max-lag} for the reverse one), and the newest heartbeat has arrived: the drain inside the write
 * pause then takes about that long.
 */
public final class LagBelow implements GateCheck {

    private final Supplier<LagReading> lag;
    private final Duration maxLag;
    private final String name;
    private final String setting;
    private final String arrivesOn;

    /** The cutover's check of the forward lag, against {@code cutover.max-lag}. */
    public LagBelow(Supplier<LagReading> lag, Duration maxLag) {
        this(lag, maxLag, "lag", "cutover.max-lag", "PostgreSQL");
    }

    /**
     * @param name the check's name in the readiness
     * @param setting the config key of {@code maxLag}, named when the check fails
     * @param arrivesOn the database the heartbeats are applied to
     */
    public LagBelow(Supplier<LagReading> lag, Duration maxLag, String name, String setting, String arrivesOn) {
        this.lag = lag;
        this.maxLag = maxLag;
        this.name = name;
        this.setting = setting;
        this.arrivesOn = arrivesOn;
    }

    /** The failback's check of the reverse lag, against {@code failback.max-lag}. */
    public static LagBelow reverse(Supplier<LagReading> lag, Duration maxLag) {
        return new LagBelow(lag, maxLag, "reverse lag", "failback.max-lag", "MySQL");
    }

    @Override
    public Result evaluate() {
        LagReading reading = lag.get();
        double limit = maxLag.toNanos() / 1e9;
        if (reading.p99Seconds() == null || reading.lagSeconds() == null) {
            return Result.fail(name, "no heartbeat has arrived on " + arrivesOn + " yet (is streaming running?)");
        }
        String measured = String.format("p99 %.3f s, now %.3f s over the last minute", reading.p99Seconds(),
                reading.lagSeconds());
        if (reading.p99Seconds() > limit || reading.lagSeconds() > limit) {
            return Result.fail(name, measured + "; above " + setting + " " + maxLag.toMillis() + " ms");
        }
        return Result.pass(name, measured);
    }
}
