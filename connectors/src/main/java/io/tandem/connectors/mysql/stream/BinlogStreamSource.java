package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.resync.TableResyncs;
import io.tandem.connectors.mysql.stream.DebeziumConfig.StartMode;
import io.tandem.engine.model.TableId;
import io.tandem.connectors.debezium.EngineRun;
import io.tandem.connectors.debezium.StoreRegistry;
import io.tandem.engine.pipeline.ChangeHandler;
import io.tandem.engine.pipeline.ChangeSource;
import io.tandem.engine.pipeline.Holdpoint;
import io.tandem.engine.sink.StateStore;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.TargetTable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a MySQL or MariaDB binlog through Debezium's embedded engine (the MySQL or MariaDB connector, by the
 * endpoint's flavor) into a {@link ChangeHandler}, from the offset stored in the target's {@link StateStore}.
 *
 * <p>Start: the stored offset must exist (the lead writes the first one with {@link StreamStart} after the
 * snapshot; without it Debezium would start at the server's current position and miss changes). Until a complete
 * schema history is stored the connector starts in {@code recovery} mode (reads today's table definitions, records
 * them, then streams from the offset); afterwards in {@code no_data} mode (replays the history). Neither copies
 * data.
 *
 * <p>Lifecycle: {@code NEW → RUNNING → STOPPED}; {@link #stopped()} completes normally after {@link #close()} and
 * exceptionally with the cause when the connector or the decoder fails.
 */
public final class BinlogStreamSource implements ChangeSource {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogStreamSource.class);

    private final StreamSettings settings;
    private final Map<TableId, TargetTable> tables;
    private final MySqlTableMapper mapper;
    private final Map<TableId, BinlogPosition> snapshotPositions;
    private final StateStore stateStore;
    private final TableResyncs resyncs;
    private final ChangeHandler handler;
    private final EngineRun run;
    private volatile RecordDecoder decoder;
    /** The start offset while a schema recovery still has to be marked complete in the history (engine thread). */
    private Map<String, ?> recoveryToMark;

    /**
     * @param tables the definitions the stream starts with, by source id: for tables copied before, those
     *     committed with the stored offset (the binlog from there may still hold DDL the source already ran, and
     *     Debezium's history replayed up to the offset agrees with them); today's for tables copied in this run
     * @param mapper maps tables created on the source while streaming (those {@code settings.tables()} accepts)
     * @param snapshotPositions per copied table, the binlog position its copy is consistent with; earlier changes
     *     of that table are dropped
     * @param resyncs the run's resyncs, whose tables' changes the stream drops until their copies are swapped in;
     *     null for a stream without them (tested on its own)
     */
    public BinlogStreamSource(StreamSettings settings, Map<TableId, TargetTable> tables, MySqlTableMapper mapper,
                              Map<TableId, BinlogPosition> snapshotPositions, StateStore stateStore,
                              TableResyncs resyncs, ChangeHandler handler) {
        this.settings = settings;
        this.tables = Map.copyOf(tables);
        this.mapper = mapper;
        this.snapshotPositions = Map.copyOf(snapshotPositions);
        this.stateStore = stateStore;
        this.resyncs = resyncs;
        this.handler = handler;
        this.run = new EngineRun("Binlog stream " + settings.instanceName(), "tandem-binlog-" + settings.instanceName());
    }

    /** Starts the connector on its own thread and returns; failures arrive through {@link #stopped()}. */
    public void start() {
        Map<String, ?> offset = stateStore.committedOffset(StreamStart.partition(settings.instanceName()))
                .orElseThrow(() -> new IllegalStateException("no stored source offset for instance '"
                        + settings.instanceName() + "': write the start position (StreamStart) before streaming"));
        run.begin();
        StartMode mode = startMode(offset);
        ReplicatedTables replicated = new ReplicatedTables(tables, settings.tables(), mapper);
        SnapshotSkip snapshotSkip = new SnapshotSkip(snapshotPositions);
        ResyncGate gate = new ResyncGate(resyncs, replicated, snapshotSkip);
        snapshotSkip.consult(gate);
        decoder = new RecordDecoder(settings.instanceName(), replicated, snapshotSkip, gate, new ReplayGuard(offset),
                settings.onUnsupportedDdl(), settings.source().flavor(), settings.valuePolicies(),
                settings.controlDatabase());
        String registryId = StoreRegistry.register(stateStore);
        run.launch(DebeziumConfig.of(settings, mode, registryId), registryId, this::handleBatch);
        LOG.info("Binlog stream {} starting ({} connector, snapshot.mode={}) from {}:{}", settings.instanceName(),
                settings.source().flavor(), mode.snapshotMode, offset.get(StreamStart.FILE), offset.get(StreamStart.POS));
    }

    /** {@code recovery} until the history holds a finished recovery (DebeziumConfig.StartMode), then {@code no_data}. */
    private StartMode startMode(Map<String, ?> offset) {
        if (StateStoreSchemaHistory.holdsCompleteSchema(stateStore)) {
            return StartMode.NO_DATA;
        }
        if (stateStore.schemaHistoryExists()) {
            LOG.warn("Schema history of {} ends inside an interrupted schema recovery; recovering again",
                    settings.instanceName());
        }
        recoveryToMark = offset;
        return StartMode.RECOVERY;
    }

    /** Completes when the engine has stopped: normally after {@link #close()}, exceptionally on a failure. */
    public CompletableFuture<Void> stopped() {
        return run.stopped();
    }

    /** Row changes, truncates and DDL dropped because the table's snapshot copy already contained them. */
    public long skippedSnapshotEvents() {
        RecordDecoder current = decoder;
        return current == null ? 0 : current.skippedBySnapshot();
    }

    /**
     * Stops the engine and waits for it (bounded); a handler blocked in {@code accept} is interrupted. Then stops
     * the run's resyncs (a copy in progress rolls back and is taken again by the next run).
     */
    @Override
    public void close() {
        run.close();
        if (resyncs != null) {
            resyncs.close();
        }
    }

    /**
     * Decodes the batch and hands its events over. When a record cannot be decoded, the events before it are still
     * handed over, then the stream fails: the pipeline commits only whole source transactions, so what it commits
     * of them is exactly what a stop there leaves, as for any other stop.
     */
    private void handleBatch(List<SourceRecord> batch) throws InterruptedException {
        Holdpoint.BINLOG_BATCH.pass(); // a test hook (see Holdpoint); open in production
        RecordDecoder.DecodedBatch decoded = decoder.decode(batch);
        if (recoveryToMark != null && decoder.streaming()) {
            StateStoreSchemaHistory.recordRecoveryComplete(stateStore,
                    StreamStart.partition(settings.instanceName()), recoveryToMark);
            recoveryToMark = null;
        }
        if (!decoded.events().isEmpty()) {
            handler.accept(decoded.events());
        }
        if (decoded.failure() != null) {
            throw decoded.failure();
        }
    }
}
