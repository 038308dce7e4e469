package io.tandem.engine.status;

import io.tandem.engine.lag.LagPoint;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of the pipeline for operators: published by the pipeline, served as JSON on {@code GET /status}.
 *
 * @param phase the pipeline state, e.g. SNAPSHOT or STREAMING
 * @param since when the pipeline entered {@code phase}
 * @param appliedPosition the source position last committed on the target; null before the first commit
 * @param lagSeconds seconds since tandem wrote the newest heartbeat now committed on the target (end to end, on
 *     tandem's clock); null before the first heartbeat arrived
 * @param ddlSkipped source schema changes skipped untranslated ({@code ddl.on-unsupported: skip})
 * @param lastError null when there was none
 * @param values rows value policies ({@code values:}) changed or dead-lettered, per table, column, reason, action
 * @param lagP50Seconds median heartbeat lag over the last 60 s; null without samples
 * @param lagP99Seconds 99th percentile of the same; null without samples
 * @param heartbeatSeqGap heartbeats written minus the newest applied; null until both are known
 * @param lagSeries the last hour of heartbeat lag, the worst per 5 s, oldest first (for the chart)
 * @param applyBacklogSeconds age of the oldest event received from the binlog but not committed; not the lag (it
 *     reads 0 while the binlog reader stalls); null before streaming
 */
public record PipelineStatus(
        String phase,
        Instant since,
        List<TableProgress> tables,
        String appliedPosition,
        double eventsPerSecond,
        Double lagSeconds,
        long eventsApplied,
        long deadLettered,
        long ddlSkipped,
        String lastError,
        List<PolicyCount> values,
        Double lagP50Seconds,
        Double lagP99Seconds,
        Long heartbeatSeqGap,
        List<LagPoint> lagSeries,
        Double applyBacklogSeconds) {

    public PipelineStatus {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(since, "since");
        tables = List.copyOf(tables);
        values = values == null ? List.of() : List.copyOf(values);
        lagSeries = lagSeries == null ? List.of() : List.copyOf(lagSeries);
    }
}
