package io.tandem.engine.lag;

import java.time.Instant;

/**
 * One point of the lag chart: the highest lag seen in the bucket that starts at {@code at} (a stall shows even
 * when it began and ended between two points).
 */
public record LagPoint(Instant at, double maxLagSeconds) {
}
