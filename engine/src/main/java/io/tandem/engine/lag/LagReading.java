package io.tandem.engine.lag;

import java.util.List;

/**
 * The heartbeat lag at one moment, for status and metrics.
 *
 * @param lagSeconds now minus the write time of the newest heartbeat committed on the target; null before the
 *     first one arrived
 * @param p50Seconds median of the lag samples of the last minute; null without samples
 * @param p99Seconds 99th percentile of the same samples; null without samples
 * @param seqGap heartbeats written minus the newest applied one; null until both are known. Above 1 for longer than
 *     an interval means something between the source and the target's commit stands still.
 * @param series the last hour, oldest first, one point per bucket
 */
public record LagReading(Double lagSeconds, Double p50Seconds, Double p99Seconds, Long seqGap, List<LagPoint> series) {

    public LagReading {
        series = List.copyOf(series);
    }
}
