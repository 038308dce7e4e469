package io.tandem.deploy.replication;

import io.tandem.connectors.mysql.check.ServerChecks;
import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.jdbc.SourceEndpoints;
import io.tandem.connectors.mysql.schema.SchemaReader;
import io.tandem.connectors.mysql.resync.ResyncStatus;
import io.tandem.connectors.mysql.resync.TableResyncs;
import io.tandem.connectors.mysql.snapshot.SnapshotCopier;
import io.tandem.connectors.mysql.snapshot.SnapshotResult;
import io.tandem.connectors.mysql.snapshot.SnapshotSettings;
import io.tandem.connectors.mysql.snapshot.SnapshotTable;
import io.tandem.connectors.mysql.snapshot.TableRecopy;
import io.tandem.connectors.mysql.snapshot.TableSnapshot;
import io.tandem.connectors.mysql.stream.BinlogStreamSource;
import io.tandem.connectors.mysql.stream.StreamSettings;
import io.tandem.connectors.mysql.stream.StreamStart;
import io.tandem.cutover.verify.TouchedKeys;
import io.tandem.engine.config.ErrorsConfig;
import io.tandem.engine.config.Secret;
import io.tandem.engine.config.TandemConfig;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.pipeline.ApplyListener;
import io.tandem.engine.pipeline.BatchLimits;
import io.tandem.engine.pipeline.PipelineState;
import io.tandem.engine.pipeline.Replication;
import io.tandem.engine.pipeline.ReplicationRuns;
import io.tandem.engine.pipeline.RetryPolicy;
import io.tandem.engine.pipeline.StreamingPipeline;
import io.tandem.engine.resync.Resync;
import io.tandem.engine.sink.BadRowPolicy;
import io.tandem.engine.sink.StateStore;
import io.tandem.engine.status.SnapshotProgressTracker;
import io.tandem.engine.transform.IdentifierMapping;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.SpatialTarget;
import io.tandem.engine.transform.TargetNames;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.UnsupportedTypeException;
import io.tandem.sink.postgres.PostgresTarget;
import io.tandem.sink.postgres.PostgresTargetOptions;
import io.tandem.sink.postgres.state.TargetFence;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forward pipeline, MySQL/MariaDB to PostgreSQL, wired in one place. {@link #start()} reads as the flow: check
 * the source, map its tables, choose each table's starting definition ({@link StartingTables}: the one committed
 * with the stored position, today's for tables still to copy), create and copy what is not yet copied, then stream
 * the binlog from the stored position (the earliest copy position on the first start). The order matters:
 * streaming may only start once every table's copy position is known, because each table skips the transactions
 * its copy already holds.
 */
public final class ForwardReplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardReplication.class);

    private final TandemConfig config;
    /** Forward replication stops at a cutover and runs again after a failback: one {@link Replication} per run. */
    private final ReplicationRuns runs;
    private final ReplicationMetrics metrics;
    /** The keys the sink committed, for verification passes and the cutover to re-check only those. */
    private final TouchedKeys touchedKeys;
    private final SnapshotProgressTracker progress;
    /** Rows of the tables being copied again while streaming, one entry per table. */
    private final SnapshotProgressTracker resyncProgress;
    private final Clock clock;
    /** Set at start, once the target says whether spatial columns can be PostGIS geometry. */
    private volatile MySqlTableMapper mapper;
    private volatile PostgresTarget target;
    private volatile SourceControl sourceControl;
    /** The current run's resyncs; null before it streams. */
    private volatile TableResyncs resyncs;
    /** Whether the target's sessions tag their commits for the way back (its origins exist). */
    private volatile boolean tagWithForwardOrigins;

    public ForwardReplication(TandemConfig config, Clock clock) {
        this.config = config;
        this.runs = new ReplicationRuns("forward", clock);
        this.clock = clock;
        this.metrics = new ReplicationMetrics(clock, config.lag().heartbeatInterval());
        this.touchedKeys = new TouchedKeys(config.verify().maxTrackedKeys());
        this.progress = new SnapshotProgressTracker(clock);
        this.resyncProgress = new SnapshotProgressTracker(clock);
        runs.onEachRun(run -> run.lifecycle().onEnter(metrics::phase));
    }

    /**
     * Runs the checks and the snapshot (copying only tables not copied before), then starts streaming from the
     * stored position and returns; failures later end {@link #terminated()}. After a failback it runs again: every
     * table is copied, so it streams from the position the failback stored, MySQL's log end at the switch.
     */
    public void start() throws Exception {
        Replication replication = runs.startable();
        progress.newRun();
        try {
            replication.moveTo(PipelineState.STARTING, PipelineState.CHECKING);
            SourceConnections source = new SourceConnections(SourceEndpoints.fromConfig(config.source()));
            ServerInfo server = source.serverInfo();
            LOG.info("source is {}", server);
            List<SourceTable> sourceTables = checkAndReadSchema(source, server);
            sourceControl = SourceControl.prepare(config, source, metrics, clock);
            replication.closeLast(sourceControl);
            OverrideConsistency.requireMatches(config.columns(), sourceTables);
            target = openTarget();
            replication.closeLast(target);
            metrics.resumeLagFrom(target.appliedHeartbeat(config.name()));
            Map<TableId, Map<String, String>> copied = target.snapshotTarget().completedTables();
            Map<TableId, TargetTable> stored = target.stateStore().tableDefinitions();
            mapper = new MySqlTableMapper(new TargetNames(config.names().nameCase()), config.columns(),
                    spatialTarget(sourceTables, stored));
            Map<TableId, TargetTable> mapped = mapTables(stored.values(), sourceTables);
            target.checkOverrides(mapped.values());
            OverrideConsistency.requireUnchangedSinceCopy(mapped, stored, copied.keySet());
            StartingTables tables = StartingTables.choose(mapped, stored, copied.keySet(), this::included);
            tables.fresh().values().forEach(target.snapshotTarget()::createTable);

            replication.moveTo(PipelineState.CHECKING, PipelineState.SNAPSHOT);
            SnapshotResult snapshot = copy(source, server, sourceTables, mapped);

            replication.moveTo(PipelineState.SNAPSHOT, PipelineState.STREAMING);
            progress.streamingStarted();
            startStreaming(replication, source, server, tables.streamed(), copyPositions(snapshot, copied), snapshot);
        } catch (Exception | Error e) {
            replication.fail(e);
            throw e;
        }
    }

    /**
     * PostGIS geometry when the target has the extension, unless a table tandem already writes holds a spatial
     * column as bytea (copied before PostGIS was installed): one encoding for the whole run.
     */
    private SpatialTarget spatialTarget(List<SourceTable> sourceTables, Map<TableId, TargetTable> stored) {
        SpatialTarget spatial = target.spatialTarget();
        if (!spatial.postgis()) {
            return spatial;
        }
        for (SourceTable table : sourceTables) {
            TargetTable known = stored.get(table.id());
            if (known != null && MySqlTableMapper.storesSpatialAsBytes(table, known)) {
                LOG.warn("The target has PostGIS, but {} was copied with its spatial columns as bytea; spatial columns "
                        + "stay bytea for this migration", table.id());
                return SpatialTarget.BYTEA;
            }
        }
        LOG.info("The target has PostGIS: spatial columns are {}", spatial.geometryType());
        return spatial;
    }

    private List<SourceTable> checkAndReadSchema(SourceConnections source, ServerInfo server) throws Exception {
        List<String> databases = config.source().databases();
        try (Connection connection = source.open()) {
            new ServerChecks(server, databases).requirePassing(connection);
            List<SourceTable> tables = new SchemaReader(server).readTables(connection, databases,
                    config.source().tables()::includes);
            if (tables.isEmpty()) {
                throw new IllegalStateException("no tables to replicate in " + databases
                        + "; check source.databases and source.tables");
            }
            LOG.info("replicating {} tables from {}", tables.size(), databases);
            return tables;
        }
    }

    private PostgresTarget openTarget() {
        BadRowPolicy onBadRow = config.errors().onBadRow() == ErrorsConfig.BadRowPolicy.DEAD_LETTER
                ? BadRowPolicy.DEAD_LETTER : BadRowPolicy.FAIL;
        PostgresTargetOptions options = PostgresTargetOptions.defaults()
                .withSnapshotParallelism(config.snapshot().parallelism())
                .withOnBadRow(onBadRow)
                .withDeadLetterListener(metrics::deadLettered)
                .withValuePolicyListener(metrics.valuePolicies())
                .withForwardOrigins(tagWithForwardOrigins);
        String password = config.target().password().map(Secret::reveal).orElse(null);
        return PostgresTarget.open(config.target().jdbcUrl(), config.target().user(), password, options);
    }

    /**
     * Maps every table first and reports all unmappable columns together, so one run shows every problem. Names
     * given before (the stored definitions) are kept; the others are chosen with all of today's tables in view.
     */
    private Map<TableId, TargetTable> mapTables(Collection<TargetTable> stored, List<SourceTable> sourceTables) {
        stored.forEach(mapper.names()::register);
        mapper.names().assignAll(config.source().databases(), sourceTables);
        Set<IdentifierMapping> renamed = new HashSet<>(); // a schema is logged once, not once per table
        Map<TableId, TargetTable> tables = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (SourceTable table : sourceTables) {
            try {
                TargetTable mapped = mapper.map(table);
                mapped.notes().forEach(note -> LOG.warn("{}: {}", table.id(), note));
                IdentifierMapping.of(mapped).stream().filter(name -> !name.verbatim() && renamed.add(name))
                        .forEach(name -> LOG.info("{}: {} {} is named \"{}\" on the target", table.id(), name.kind(),
                                name.sourceName(), name.targetName()));
                tables.put(table.id(), mapped);
            } catch (UnsupportedTypeException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new UnsupportedTypeException("tables tandem cannot replicate:\n  " + String.join("\n  ", problems));
        }
        return tables;
    }

    private SnapshotResult copy(SourceConnections source, ServerInfo server, List<SourceTable> sourceTables,
                                Map<TableId, TargetTable> tables) throws Exception {
        List<SnapshotTable> work = sourceTables.stream()
                .map(table -> new SnapshotTable(table, tables.get(table.id())))
                .toList();
        SnapshotCopier copier = new SnapshotCopier(source, server, target.snapshotTarget(), progress,
                SnapshotSettings.from(config.snapshot(), config.values().policies()));
        SnapshotResult result = copier.copy(work);
        LOG.info("snapshot complete: {} rows copied now, {} tables in all", result.rowsCopied(), result.tables().size());
        return result;
    }

    /**
     * Each table's copy position: from this run's copy result, and from the marks for tables the source no longer
     * has (their pending events before the copy position are in the copy as well).
     */
    private static Map<TableId, BinlogPosition> copyPositions(SnapshotResult snapshot,
                                                              Map<TableId, Map<String, String>> marks) {
        Map<TableId, BinlogPosition> positions = new LinkedHashMap<>();
        marks.forEach((table, position) -> positions.put(table, BinlogPosition.of(position)));
        for (TableSnapshot table : snapshot.tables().values()) {
            positions.put(table.table(), table.binlogPosition());
        }
        return positions;
    }

    private boolean included(TableId table) {
        return config.source().tables().includes(table.database(), table.table());
    }

    private void startStreaming(Replication replication, SourceConnections source, ServerInfo server,
                                Map<TableId, TargetTable> tables, Map<TableId, BinlogPosition> copyPositions,
                                SnapshotResult snapshot) {
        StateStore state = target.stateStore();
        Map<String, String> partition = StreamStart.partition(config.name());
        if (state.committedOffset(partition).isEmpty()) {
            StreamStart start = StreamStart.at(config.name(), snapshot.streamStart().orElseThrow());
            state.initializeOffset(start.partition(), start.offset());
            LOG.info("streaming starts at {}", snapshot.streamStartPosition().orElseThrow());
        }
        StreamingPipeline pipeline = new StreamingPipeline(target.changeSink(), batchLimits(), retryPolicy(),
                ApplyListener.both(metrics, touchedKeys));
        metrics.tandemMetrics().measureBacklogWith(pipeline::backlogSeconds);
        pipeline.start();
        resyncProgress.newRun();
        TableResyncs runResyncs = new TableResyncs(target.resyncStore(),
                new TableRecopy(source, server, SnapshotSettings.from(config.snapshot(), config.values().policies()),
                        target.resyncStore(), resyncProgress),
                mapper::map, resyncProgress, clock);
        BinlogStreamSource stream = new BinlogStreamSource(streamSettings(source), tables, mapper, copyPositions,
                state, runResyncs, pipeline::accept);
        runResyncs.start();
        resyncs = runResyncs;
        stream.start();
        replication.streaming(stream, pipeline);
        sourceControl.startHeartbeat();
    }

    private StreamSettings streamSettings(SourceConnections source) {
        int debeziumBatch = 2048;
        return new StreamSettings(source.endpoint(), config.source().databases(),
                this::included, List.of(),
                config.source().serverId(), config.name(), debeziumBatch, debeziumBatch * 4,
                config.apply().queueMaxBytes(), Duration.ofSeconds(30), config.ddl().onUnsupported(),
                config.values().policies(), config.source().controlDatabase());
    }

    private BatchLimits batchLimits() {
        return new BatchLimits(config.apply().batchMaxRows(), config.apply().batchMaxBytes(),
                config.apply().maxBatchWait(), config.apply().queueMaxBytes());
    }

    private RetryPolicy retryPolicy() {
        return new RetryPolicy(config.retry().maxAttempts(), config.retry().initialBackoff(),
                config.retry().maxBackoff());
    }

    /**
     * From the next start on, every session on the target tags its commits with a forward replication origin, so
     * the way back's reverse stream leaves them out. The origins must exist ({@link ReverseReplication#prepare()}).
     */
    public void tagSessionsWithForwardOrigins(boolean tag) {
        this.tagWithForwardOrigins = tag;
    }

    /**
     * Copies a replicated table again from the source, online (an operator's request, e.g. after fixing rows that
     * were dead-lettered); returns once the request is durable.
     *
     * @throws IllegalStateException when forward replication is not streaming
     * @throws IllegalArgumentException when tandem does not replicate the table
     */
    public Resync resync(TableId table) {
        TableResyncs current = resyncs;
        if (current == null || runs.state() != PipelineState.STREAMING) {
            throw new IllegalStateException("forward replication is " + runs.state() + "; a table can be copied "
                    + "again only while it streams");
        }
        if (!target.stateStore().tableDefinitions().containsKey(table)) {
            throw new IllegalArgumentException("tandem does not replicate " + table + "; name a replicated table as "
                    + "database.table");
        }
        return current.request(table, "requested by an operator");
    }

    /** The current run's resyncs, unfinished first; empty before it streams. */
    public List<ResyncStatus> resyncStatus() {
        TableResyncs current = resyncs;
        return current == null ? List.of() : current.status();
    }

    /** Whether a resync is unfinished: the cutover waits until none is. */
    public boolean resyncing() {
        TableResyncs current = resyncs;
        return current != null && current.busy();
    }

    /** Completes exceptionally when a run fails; never normally (a cutover stops a run without ending the daemon). */
    public CompletableFuture<Void> anyFailure() {
        return runs.anyFailure();
    }

    /** What the cutover drives: pause, applied position, await a position, stop; always the current run. */
    public ReplicationRuns handle() {
        return runs;
    }

    public ReplicationStatus status() {
        return new ReplicationStatus(runs, metrics, progress);
    }

    public ReplicationMetrics metrics() {
        return metrics;
    }

    /** The primary keys replicated since verification last covered them. */
    public TouchedKeys touchedKeys() {
        return touchedKeys;
    }

    public SnapshotProgressTracker progress() {
        return progress;
    }

    /** The heartbeat writer and the fence on the source, or null before the checks passed. */
    public SourceControl sourceControl() {
        return sourceControl;
    }

    /** Waits for fence tokens on the target; null before the target is open. */
    public TargetFence targetFence() {
        PostgresTarget open = target;
        return open == null ? null : open.fence(clock);
    }

    /** The streaming pipeline, or null before streaming started. */
    public StreamingPipeline pipeline() {
        return runs.current().pipeline();
    }

    /**
     * Stops the binlog reader first so nothing new arrives, then lets the apply loop commit the complete
     * transactions it holds, then closes the target.
     */
    @Override
    public void close() {
        runs.current().close();
    }
}
