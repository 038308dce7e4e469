package io.tandem.engine.metrics;

import io.tandem.engine.lag.HeartbeatLag;
import io.tandem.engine.lag.LagReading;
import java.time.Clock;
import java.util.List;
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
    private static final LagReading NO_LAG = new LagReading(null, null, null, null, List.of());

    private final MetricRegistry registry = new MetricRegistry();
    private final CounterFamily eventsApplied;
    private final CounterFamily batchesCommitted;
    private final CounterFamily snapshotRowsCopied;
    private final CounterFamily rowsDeadLettered;
    private final CounterFamily retries;
    private final CounterFamily valuePolicyRows;
    private final CounterFamily ddlSkipped;
    private final CounterFamily heartbeatWriteFailures;
    private final GaugeFamily phase;
    private final Rate eventRate;
    private volatile Supplier<LagReading> lagSource = () -> NO_LAG;
    private volatile Supplier<Double> backlogSource = () -> null;
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
                "Seconds since tandem wrote the newest heartbeat that is now committed on the target (source row, "
                        + "binlog, apply, commit; tandem's clock at both ends); rises during any stall, also on an "
                        + "idle source. Resolution one heartbeat interval; NaN before the first heartbeat arrived.",
                () -> orNaN(lagSource.get().lagSeconds()));
        registry.gauge(PREFIX + "lag_p50_seconds",
                "Median of tandem_lag_seconds over the last 60 s; NaN without samples.",
                () -> orNaN(lagSource.get().p50Seconds()));
        registry.gauge(PREFIX + "lag_p99_seconds",
                "99th percentile of tandem_lag_seconds over the last 60 s; NaN without samples.",
                () -> orNaN(lagSource.get().p99Seconds()));
        registry.gauge(PREFIX + "heartbeat_seq_gap",
                "Heartbeats written on the source minus the newest one committed on the target; staying above 1 "
                        + "means the binlog reader, the apply loop or the target stands still. NaN while unknown.",
                () -> {
                    Long gap = lagSource.get().seqGap();
                    return gap == null ? Double.NaN : gap;
                });
        registry.gauge(PREFIX + "apply_backlog_seconds",
                "Age of the oldest event tandem has received from the binlog but not yet committed on the target. "
                        + "Not the lag: it reads 0 while the binlog reader is stalled or behind. NaN before streaming.",
                () -> orNaN(backlogSource.get()));
        heartbeatWriteFailures = registry.counter(PREFIX + "heartbeat_write_failures_total",
                "Heartbeat writes on the source that failed (source down, read_only, missing grant); replication "
                        + "goes on and tandem_lag_seconds rises while they fail.");
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

    /** Where the heartbeat lag comes from: read whenever a gauge or the status asks, so it is never stale. */
    public void measureLagWith(HeartbeatLag lag) {
        lagSource = lag::read;
    }

    /**
     * Where the apply backlog comes from (the age of the oldest received, uncommitted event); null while unknown,
     * e.g. before streaming starts.
     */
    public void measureBacklogWith(Supplier<Double> source) {
        backlogSource = source;
    }

    public void heartbeatWriteFailed() {
        heartbeatWriteFailures.labels().inc();
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

    /** The heartbeat lag, null before the first heartbeat arrived. */
    public Double lagSeconds() {
        return lagSource.get().lagSeconds();
    }

    /** The heartbeat lag with its percentiles, gap and hour series. */
    public LagReading lag() {
        return lagSource.get();
    }

    /** Null while unknown. */
    public Double applyBacklogSeconds() {
        return backlogSource.get();
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
