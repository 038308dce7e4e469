package io.tandem.engine.metrics;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The metrics tandem exposes, behind one method per thing that happened, so callers never spell a metric name
 * or a label and the names stay in one place.
 */
public final class TandemMetrics {

    public static final String PREFIX = "tandem_";
    /** The sliding window behind {@link #eventsPerSecond()}. */
    public static final int RATE_WINDOW_SECONDS = 10;

    private final MetricRegistry registry = new MetricRegistry();
    private final CounterFamily eventsApplied;
    private final CounterFamily batchesCommitted;
    private final CounterFamily snapshotRowsCopied;
    private final CounterFamily rowsDeadLettered;
    private final CounterFamily retries;
    private final CounterFamily valuePolicyRows;
    private final CounterFamily ddlSkipped;
    private final GaugeFamily phase;
    private final Rate eventRate;
    private volatile Supplier<Double> lagSource = () -> null;
    private volatile String currentPhase;

    public TandemMetrics(Clock clock) {
        eventRate = new Rate(clock, RATE_WINDOW_SECONDS);
        eventsApplied = registry.counter(PREFIX + "events_applied_total",
                "Row changes applied to the target, by source table and operation.", "table", "op");
        batchesCommitted = registry.counter(PREFIX + "batches_committed_total",
                "Batches committed to the target together with their source position.");
        snapshotRowsCopied = registry.counter(PREFIX + "snapshot_rows_copied_total",
                "Rows copied to the target by the initial snapshot, by source table.", "table");
        registry.gauge(PREFIX + "lag_seconds",
                "Seconds between a change on the source and its commit on the target; NaN while unknown.",
                () -> {
                    Double lag = lagSeconds();
                    return lag == null ? Double.NaN : lag;
                });
        rowsDeadLettered = registry.counter(PREFIX + "rows_dead_lettered_total",
                "Rows the target refused, recorded in the dead-letter table, by source table.", "table");
        valuePolicyRows = registry.counter(PREFIX + "value_policy_rows_total",
                "Rows whose value a policy (values:) changed or dead-lettered, by source table, column, reason and "
                        + "action.", "table", "column", "reason", "action");
        ddlSkipped = registry.counter(PREFIX + "ddl_skipped_total",
                "Source schema changes not translated and skipped (ddl.on-unsupported: skip), recorded in "
                        + "tandem.skipped_ddl, by source table.", "table");
        retries = registry.counter(PREFIX + "retries_total",
                "Retries after transient errors, by component.", "component");
        phase = registry.gauge(PREFIX + "pipeline_phase",
                "1 for the phase the pipeline is in, 0 for phases it has been in before.", "phase");
    }

    /** Where other modules register their own metrics, under {@link #PREFIX}. */
    public MetricRegistry registry() {
        return registry;
    }

    /** @param op insert, update or delete; lower-cased here so label values agree whatever the caller's enum. */
    public void eventsApplied(String table, String op, long n) {
        eventsApplied.labels(table, op.toLowerCase(Locale.ROOT)).add(n);
        eventRate.mark(n);
    }

    public void batchCommitted() {
        batchesCommitted.labels().inc();
    }

    public void snapshotRowsCopied(String table, long n) {
        snapshotRowsCopied.labels(table).add(n);
    }

    /**
     * Where the lag comes from: read whenever the gauge or the status asks, so it is never stale. The source
     * returns null while the lag is unknown (e.g. before streaming starts).
     */
    public void measureLagWith(Supplier<Double> source) {
        lagSource = source;
    }

    public void rowsDeadLettered(String table, long n) {
        rowsDeadLettered.labels(table).add(n);
    }

    public void valuePolicyRows(String table, String column, String reason, String action, long n) {
        valuePolicyRows.labels(table, column, reason, action).add(n);
    }

    public void ddlSkipped(String table) {
        ddlSkipped.labels(table).inc();
    }

    public void retried(String component) {
        retries.labels(component).inc();
    }

    /**
     * Marks {@code name} as the current phase. Earlier phases stay as 0-valued series rather than vanishing, so
     * a query such as {@code tandem_pipeline_phase{phase="streaming"} == 0} keeps working after a transition.
     */
    public synchronized void phase(String name) {
        Objects.requireNonNull(name, "phase");
        currentPhase = name;
        if (!phase.contains(name)) {
            phase.register(() -> name.equals(currentPhase) ? 1 : 0, name);
        }
    }

    public double eventsPerSecond() {
        return eventRate.perSecond();
    }

    public long eventsAppliedTotal() {
        return eventsApplied.total();
    }

    public long deadLetteredTotal() {
        return rowsDeadLettered.total();
    }

    public long ddlSkippedTotal() {
        return ddlSkipped.total();
    }

    /** Null while unknown. */
    public Double lagSeconds() {
        return lagSource.get();
    }
}
