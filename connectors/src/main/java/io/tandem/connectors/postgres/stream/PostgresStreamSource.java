package io.tandem.connectors.postgres.stream;

import io.tandem.connectors.debezium.EngineRun;
import io.tandem.connectors.debezium.StoreRegistry;
import io.tandem.connectors.postgres.stream.PgRowLayout.Placeholder;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.model.TableId;
import io.tandem.engine.pipeline.ChangeHandler;
import io.tandem.engine.pipeline.ChangeSource;
import io.tandem.engine.sink.OffsetStore;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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

    private final ReverseSourceSettings settings;
    private final Map<TableId, TargetTable> tables;
    private final OffsetStore offsetStore;
    private final RogueWriteListener rogueWrites;
    private final ChangeHandler handler;
    private final EngineRun run;
    private volatile ReverseMode mode;
    private volatile PgRecordDecoder decoder;

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
        // Debezium reads it before every commit too; a MySQL restart must not end the stream there.
        this.offsetStore = new LastReadOffsets(Objects.requireNonNull(offsetStore, "offsetStore"));
        this.mode = Objects.requireNonNull(mode, "mode");
        this.rogueWrites = Objects.requireNonNull(rogueWrites, "rogueWrites");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.run = new EngineRun("PostgreSQL stream " + settings.instanceName(),
                "tandem-pgstream-" + settings.instanceName());
    }

    /** The source partition of every position this source hands over: {@code {server: <instance>-reverse}}. */
    public Map<String, ?> partition() {
        return Map.of("server", settings.logicalName());
    }

    /** Starts the connector on its own thread and returns; failures arrive through {@link #stopped()}. */
    @Override
    public void start() {
        run.begin();
        Optional<Map<String, Object>> offset;
        int serverVersion;
        try {
            offset = offsetStore.committedOffset(partition());
            serverVersion = serverVersionNum();
        } catch (RuntimeException e) {
            run.abort(e);
            throw e;
        }
        Placeholder placeholder = Placeholder.of("__tandem_unchanged_toast_" + UUID.randomUUID());
        decoder = new PgRecordDecoder(settings, new PublishedTables(tables), new PgReplayGuard(offset.orElse(null)),
                placeholder, () -> mode, rogueWrites);
        String registryId = StoreRegistry.register(offsetStore);
        run.launch(PgDebeziumConfig.of(settings, serverVersion, registryId, placeholder.text()), registryId,
                this::handleBatch);
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
        return run.stopped();
    }

    /** Stops the engine and waits for it (bounded); a handler blocked in {@code accept} is interrupted. */
    @Override
    public void close() {
        run.close();
    }

    private void handleBatch(List<SourceRecord> batch) throws InterruptedException {
        List<ChangeEvent> events = decoder.decode(batch);
        if (!events.isEmpty()) {
            handler.accept(events);
        }
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
            throw new IllegalStateException("cannot read the PostgreSQL version at " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
    }
}
