package io.tandem.engine.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of the pipeline for operators: published by the pipeline, served as JSON on {@code GET /status}.
 *
 * @param phase the pipeline state, e.g. SNAPSHOT or STREAMING
 * @param since when the pipeline entered {@code phase}
 * @param appliedPosition the source position last committed on the target; null before the first commit
 * @param lagSeconds null when unknown, e.g. before the first heartbeat arrived
 * @param ddlSkipped source schema changes skipped untranslated ({@code ddl.on-unsupported: skip})
 * @param lastError null when there was none
 * @param values rows value policies ({@code values:}) changed or dead-lettered, per table, column, reason, action
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
        List<PolicyCount> values) {

    public PipelineStatus {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(since, "since");
        tables = List.copyOf(tables);
        values = values == null ? List.of() : List.copyOf(values);
    }
}
