package io.tandem.connectors.postgres.stream;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.tandem.connectors.debezium.StoreRegistry;
import io.tandem.connectors.postgres.stream.PgRowLayout.Placeholder;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.model.TableId;
import io.tandem.engine.pipeline.ChangeHandler;
import io.tandem.engine.pipeline.ChangeSource;
import io.tandem.engine.sink.OffsetStore;
import io.tandem.engine.transform.TargetTable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
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
 * Streams PostgreSQL's logical decoding of tandem's publication through Debezium's embedded PostgreSQL connector
 * into a {@link ChangeHandler}: the reverse direction, PostgreSQL back to MySQL. It resumes from the offset the
 * reverse sink committed (in MySQL, read through an {@link OffsetStore}); without one, from the slot's position.
 * The replication slot and publication exist beforehand (tandem creates them when it arms the way back).
 *
 * <p>What passes depends on the {@link ReverseMode}, switchable while running (see {@link PgRecordDecoder}).
 *
 * <p>Lifecycle: {@code NEW → RUNNING → STOPPED}; {@link #stopped()} completes normally after {@link #close()} and
 * exceptionally with the cause (naming the relation and LSN where the decoder failed) otherwise.
 */
public final class PostgresStreamSource implements ChangeSource {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStreamSource.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private enum State { NEW, RUNNING, STOPPED }

    private final ReverseSourceSettings settings;
    private final Map<TableId, TargetTable> tables;
    private final OffsetStore offsetStore;
    private final RogueWriteListener rogueWrites;
    private final ChangeHandler handler;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicReference<RuntimeException> handoverFailure = new AtomicReference<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile ReverseMode mode;
    private volatile boolean closeRequested;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile PgRecordDecoder decoder;
    private ExecutorService thread;
    private String registryId;

    /**
     * @param tables the tables tandem created on PostgreSQL and replicates back, by MySQL id
     * @param offsetStore what the reverse sink committed; the stored offset's partition is {@link #partition()}
     * @param mode what passes at first; see {@link #switchMode}
     */
    public PostgresStreamSource(ReverseSourceSettings settings, Map<TableId, TargetTable> tables,
                                OffsetStore offsetStore, ReverseMode mode, RogueWriteListener rogueWrites,
                                ChangeHandler handler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tables = Map.copyOf(tables);
        this.offsetStore = Objects.requireNonNull(offsetStore, "offsetStore");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.rogueWrites = Objects.requireNonNull(rogueWrites, "rogueWrites");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** The source partition of every position this source hands over: {@code {server: <instance>-reverse}}. */
    public Map<String, ?> partition() {
        return Map.of("server", settings.logicalName());
    }

    /** Starts the connector on its own thread and returns; failures arrive through {@link #stopped()}. */
    @Override
    public void start() {
        transition(State.NEW, State.RUNNING);
        Optional<Map<String, Object>> offset = offsetStore.committedOffset(partition());
        int serverVersion = serverVersionNum();
        decoder = new PgRecordDecoder(settings, new PublishedTables(tables), new PgReplayGuard(offset.orElse(null)),
                Placeholder.of("__tandem_unchanged_toast_" + UUID.randomUUID()), () -> mode, rogueWrites);
        registryId = StoreRegistry.register(offsetStore);
        try {
            Properties config = PgDebeziumConfig.of(settings, serverVersion, registryId, decoder.placeholderText());
            engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(config)
                    .using(this::engineStopped)
                    .notifying(this::handleBatch)
                    .build();
            thread = Executors.newSingleThreadExecutor(runnable -> {
                Thread t = new Thread(runnable, "tandem-pgstream-" + settings.instanceName());
                t.setDaemon(true);
                return t;
            });
            thread.execute(engine);
        } catch (RuntimeException e) {
            engineStopped(false, "engine did not start", e);
            throw e;
        }
        LOG.info("PostgreSQL stream {} starting in {} mode (slot {}, publication {}, server {}) from {}",
                settings.instanceName(), mode, settings.slotName(), settings.publicationName(), serverVersion,
                offset.map(o -> "the committed commit LSN "
                        + WalPositions.text(WalPositions.number(o, WalPositions.COMMIT_LSN, 0)))
                        .orElse("the slot's position"));
    }

    /** Switches what passes from the next change on; safe from any thread. */
    public void switchMode(ReverseMode next) {
        ReverseMode previous = mode;
        mode = Objects.requireNonNull(next, "next");
        LOG.info("PostgreSQL stream {}: mode {} -> {}", settings.instanceName(), previous, next);
    }

    public ReverseMode mode() {
        return mode;
    }

    /** Changes dropped because tandem's forward sink wrote them (replication origin set). */
    public long forwardEventsFiltered() {
        PgRecordDecoder current = decoder;
        return current == null ? 0 : current.forwardEventsFiltered();
    }

    /** Row changes and truncates of replicated tables seen, and not passed on, in shadow mode. */
    public long rogueWrites() {
        PgRecordDecoder current = decoder;
        return current == null ? 0 : current.rogueWrites();
    }

    @Override
    public CompletableFuture<Void> stopped() {
        return stopped;
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
            LOG.warn("PostgreSQL stream {} did not stop within {}", settings.instanceName(), CLOSE_TIMEOUT);
        } finally {
            if (thread != null) {
                thread.shutdownNow();
            }
        }
    }

    /** The engine refuses to stop while its task is starting; that ends by itself, so retry until it accepts. */
    private void requestEngineStop(long deadline) throws InterruptedException {
        while (!stopped.isDone() && System.nanoTime() < deadline) {
            try {
                engine.close();
                return;
            } catch (IllegalStateException e) {
                LOG.debug("Engine not ready to stop yet: {}", e.getMessage());
                Thread.sleep(50);
            } catch (IOException e) {
                LOG.warn("Error while stopping the PostgreSQL stream {}", settings.instanceName(), e);
                return;
            }
        }
    }

    private void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                             DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<SourceRecord> batch = new ArrayList<>(records.size());
        for (RecordChangeEvent<SourceRecord> record : records) {
            batch.add(record.record());
        }
        try {
            List<ChangeEvent> events = decoder.decode(batch);
            if (!events.isEmpty()) {
                handler.accept(events);
            }
        } catch (RuntimeException e) {
            // Kept here as well: the engine reports it wrapped, or not at all if a close races with it. A retriable
            // exception must not reach the engine: it would poll again and this batch would be lost.
            RuntimeException failure = e instanceof RetriableException
                    ? new IllegalStateException("PostgreSQL batch could not be handed over: " + e.getMessage(), e) : e;
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
            LOG.info("PostgreSQL stream {} stopped", settings.instanceName());
            stopped.complete(null);
            return;
        }
        if (failure == null) {
            failure = error != null ? error : new IllegalStateException(message);
        }
        LOG.error("PostgreSQL stream {} failed: {}", settings.instanceName(), failure.toString());
        stopped.completeExceptionally(failure);
    }

    /** {@code server_version_num}: pgoutput's {@code origin} option exists from PostgreSQL 16 on. */
    private int serverVersionNum() {
        Properties login = new Properties();
        login.setProperty("user", settings.user());
        login.setProperty("password", settings.password().reveal());
        login.setProperty("connectTimeout", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), login);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW server_version_num")) {
            result.next();
            return Integer.parseInt(result.getString(1));
        } catch (SQLException e) {
            IllegalStateException failure = new IllegalStateException("cannot read the PostgreSQL version at "
                    + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
            engineStopped(false, failure.getMessage(), failure);
            throw failure;
        }
    }

    private void transition(State expected, State next) {
        if (!state.compareAndSet(expected, next)) {
            throw new IllegalStateException("PostgreSQL stream " + settings.instanceName() + " is " + state.get()
                    + ", expected " + expected);
        }
        LOG.debug("PostgreSQL stream {}: {} -> {}", settings.instanceName(), expected, next);
    }
}
