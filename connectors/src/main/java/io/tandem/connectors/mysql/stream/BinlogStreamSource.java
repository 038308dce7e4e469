package io.tandem.connectors.mysql.stream;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.stream.DebeziumConfig.StartMode;
import io.tandem.engine.model.TableId;
import io.tandem.connectors.debezium.StoreRegistry;
import io.tandem.engine.pipeline.ChangeHandler;
import io.tandem.engine.pipeline.ChangeSource;
import io.tandem.engine.pipeline.Holdpoint;
import io.tandem.engine.sink.StateStore;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.TargetTable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.errors.RetriableException;
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
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private enum State { NEW, RUNNING, STOPPED }

    private final StreamSettings settings;
    private final Map<TableId, TargetTable> tables;
    private final MySqlTableMapper mapper;
    private final Map<TableId, BinlogPosition> snapshotPositions;
    private final StateStore stateStore;
    private final ChangeHandler handler;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicReference<RuntimeException> handoverFailure = new AtomicReference<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean closeRequested;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile RecordDecoder decoder;
    /** The start offset while a schema recovery still has to be marked complete in the history (engine thread). */
    private Map<String, ?> recoveryToMark;
    private ExecutorService thread;
    private String registryId;

    /**
     * @param tables the definitions the stream starts with, by source id: for tables copied before, those
     *     committed with the stored offset (the binlog from there may still hold DDL the source already ran, and
     *     Debezium's history replayed up to the offset agrees with them); today's for tables copied in this run
     * @param mapper maps tables created on the source while streaming (those {@code settings.tables()} accepts)
     * @param snapshotPositions per copied table, the binlog position its copy is consistent with; earlier changes
     *     of that table are dropped
     */
    public BinlogStreamSource(StreamSettings settings, Map<TableId, TargetTable> tables, MySqlTableMapper mapper,
                              Map<TableId, BinlogPosition> snapshotPositions, StateStore stateStore,
                              ChangeHandler handler) {
        this.settings = settings;
        this.tables = Map.copyOf(tables);
        this.mapper = mapper;
        this.snapshotPositions = Map.copyOf(snapshotPositions);
        this.stateStore = stateStore;
        this.handler = handler;
    }

    /** Starts the connector on its own thread and returns; failures arrive through {@link #stopped()}. */
    public void start() {
        Map<String, ?> offset = stateStore.committedOffset(StreamStart.partition(settings.instanceName()))
                .orElseThrow(() -> new IllegalStateException("no stored source offset for instance '"
                        + settings.instanceName() + "': write the start position (StreamStart) before streaming"));
        transition(State.NEW, State.RUNNING);
        StartMode mode = startMode(offset);
        decoder = new RecordDecoder(settings.instanceName(),
                new ReplicatedTables(tables, settings.tables(), mapper),
                new SnapshotSkip(snapshotPositions), new ReplayGuard(offset), settings.onUnsupportedDdl(),
                settings.source().flavor(), settings.valuePolicies(), settings.controlDatabase());
        registryId = StoreRegistry.register(stateStore);
        try {
            engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(DebeziumConfig.of(settings, mode, registryId))
                    .using(this::engineStopped)
                    .notifying(this::handleBatch)
                    .build();
            thread = Executors.newSingleThreadExecutor(runnable -> {
                Thread t = new Thread(runnable, "tandem-binlog-" + settings.instanceName());
                t.setDaemon(true);
                return t;
            });
            thread.execute(engine);
        } catch (RuntimeException e) {
            engineStopped(false, "engine did not start", e);
            throw e;
        }
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
        return stopped;
    }

    /** Row changes, truncates and DDL dropped because the table's snapshot copy already contained them. */
    public long skippedSnapshotEvents() {
        RecordDecoder current = decoder;
        return current == null ? 0 : current.skippedBySnapshot();
    }

    /** Stops the engine and waits for it (bounded); a handler blocked in {@code accept} is interrupted. */
    @Override
    public void close() {
        closeRequested = true;
        if (state.compareAndSet(State.NEW, State.STOPPED)) {
            stopped.complete(null);
            return;
        }
        if (engine == null) {
            return; // start() failed before the engine existed and already reported it
        }
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        try {
            requestEngineStop(deadline);
            stopped.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Already reported through stopped().
        } catch (TimeoutException e) {
            LOG.warn("Binlog stream {} did not stop within {}", settings.instanceName(), CLOSE_TIMEOUT);
        } finally {
            if (thread != null) {
                thread.shutdownNow();
            }
        }
    }

    /**
     * The engine refuses to stop while its task is starting (it would leak connections) and when it is already
     * stopping; both end by themselves, so retry until it accepts or has stopped.
     */
    private void requestEngineStop(long deadline) throws InterruptedException {
        while (!stopped.isDone() && System.nanoTime() < deadline) {
            try {
                engine.close();
                return;
            } catch (IllegalStateException e) {
                LOG.debug("Engine not ready to stop yet: {}", e.getMessage());
                Thread.sleep(50);
            } catch (IOException e) {
                LOG.warn("Error while stopping the binlog stream {}", settings.instanceName(), e);
                return;
            }
        }
    }

    private void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                             DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        Holdpoint.BINLOG_BATCH.pass(); // a test hook (see Holdpoint); open in production
        List<SourceRecord> batch = new ArrayList<>(records.size());
        for (RecordChangeEvent<SourceRecord> record : records) {
            batch.add(record.record());
        }
        try {
            List<io.tandem.engine.change.ChangeEvent> events = decoder.decode(batch);
            if (recoveryToMark != null && decoder.streaming()) {
                StateStoreSchemaHistory.recordRecoveryComplete(stateStore,
                        StreamStart.partition(settings.instanceName()), recoveryToMark);
                recoveryToMark = null;
            }
            if (!events.isEmpty()) {
                handler.accept(events);
            }
        } catch (RuntimeException e) {
            // Kept here as well: the engine reports it wrapped, or not at all if a close races with it. A retriable
            // exception must not reach the engine: it would poll again and this batch would be lost.
            RuntimeException failure = e instanceof RetriableException
                    ? new IllegalStateException("binlog batch could not be handed over: " + e.getMessage(), e) : e;
            handoverFailure.compareAndSet(null, failure);
            throw failure;
        }
        // Offsets go to a store that ignores writes (the sink commits them); marking keeps the engine's books.
        for (RecordChangeEvent<SourceRecord> record : records) {
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
    }

    private void engineStopped(boolean success, String message, Throwable error) {
        if (registryId != null) {
            StoreRegistry.unregister(registryId);
        }
        state.set(State.STOPPED);
        Throwable failure = handoverFailure.get();
        if (failure == null && (success && error == null || closeRequested)) {
            // On close the engine may report the interrupted handler as an error; that is the requested stop.
            LOG.info("Binlog stream {} stopped", settings.instanceName());
            stopped.complete(null);
            return;
        }
        if (failure == null) {
            failure = error != null ? error : new IllegalStateException(message);
        }
        LOG.error("Binlog stream {} failed: {}", settings.instanceName(), failure.toString());
        stopped.completeExceptionally(failure);
    }

    private void transition(State expected, State next) {
        if (!state.compareAndSet(expected, next)) {
            throw new IllegalStateException("binlog stream " + settings.instanceName() + " is " + state.get()
                    + ", expected " + expected);
        }
        LOG.debug("Binlog stream {}: {} -> {}", settings.instanceName(), expected, next);
    }
}
