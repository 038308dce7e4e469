package io.tandem.sink.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tandem.engine.resync.ResyncStore;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.sink.SnapshotTarget;
import io.tandem.engine.sink.StateStore;
import io.tandem.engine.transform.SpatialTarget;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.apply.PostgresChangeSink;
import io.tandem.sink.postgres.copy.CopySettings;
import io.tandem.sink.postgres.copy.PostgresResyncStore;
import io.tandem.sink.postgres.copy.PostgresSnapshotTarget;
import io.tandem.sink.postgres.ddl.OverrideCheck;
import io.tandem.sink.postgres.ddl.PostgisDetection;
import io.tandem.sink.postgres.error.SinkFailures;
import io.tandem.sink.postgres.sql.Transactions;
import io.tandem.sink.postgres.state.ControlRowTables;
import io.tandem.sink.postgres.state.PostgresStateStore;
import io.tandem.sink.postgres.state.TandemSchema;
import io.tandem.sink.postgres.state.TargetFence;
import io.tandem.sink.postgres.wayback.ForwardOrigins;
import java.time.Clock;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * The PostgreSQL end of a pipeline: one small connection pool shared by the snapshot target (COPY), the change
 * sink (batches with their offset) and the state store, over a database whose {@code tandem} schema it creates on
 * open.
 */
public final class PostgresTarget implements AutoCloseable {

    private final HikariDataSource pool;
    private final PostgresSnapshotTarget snapshotTarget;
    private final PostgresChangeSink changeSink;
    private final PostgresStateStore stateStore;
    private final PostgresResyncStore resyncStore;

    private PostgresTarget(HikariDataSource pool, PostgresTargetOptions options) {
        this.pool = pool;
        CopySettings copies = new CopySettings(options.copyBufferBytes(), options.onBadRow(),
                options.deadLetterListener(), options.valuePolicyListener());
        this.snapshotTarget = new PostgresSnapshotTarget(pool, copies);
        this.changeSink = new PostgresChangeSink(pool, options.maxRowsPerStatement(), options.onBadRow(),
                options.deadLetterListener(), options.valuePolicyListener());
        this.stateStore = new PostgresStateStore(pool);
        this.resyncStore = new PostgresResyncStore(pool, copies);
    }

    /**
     * Connects and creates the {@code tandem} schema and tables where absent.
     *
     * @param password never logged; it is handed to the pool and the array is not kept
     * @throws SinkException when the database cannot be reached or prepared (transient when a retry may help)
     */
    public static PostgresTarget open(String jdbcUrl, String user, char[] password, PostgresTargetOptions options) {
        Objects.requireNonNull(options, "options");
        HikariDataSource pool = createPool(jdbcUrl, user, password, options);
        try {
            Transactions.run(pool, connection -> {
                TandemSchema.create(connection);
                return null;
            });
            return new PostgresTarget(pool, options);
        } catch (Exception e) {
            pool.close();
            throw SinkFailures.of("create tandem schema", "tandem", null, e);
        }
    }

    public static PostgresTarget open(String jdbcUrl, String user, String password, PostgresTargetOptions options) {
        return open(jdbcUrl, user, password == null ? null : password.toCharArray(), options);
    }

    public SnapshotTarget snapshotTarget() {
        return snapshotTarget;
    }

    /** Where resyncs are recorded and their copies built. */
    public ResyncStore resyncStore() {
        return resyncStore;
    }

    public PostgresChangeSink changeSink() {
        return changeSink;
    }

    public StateStore stateStore() {
        return stateStore;
    }

    /**
     * Checks the column overrides of {@code tables} against this database without writing anything.
     *
     * @throws SinkException naming each override PostgreSQL refuses, with its reason
     */
    public void checkOverrides(Collection<TargetTable> tables) {
        OverrideCheck.verify(pool, tables);
    }

    /** How spatial columns can be stored: PostGIS geometry when the database has the extension, else bytea. */
    public SpatialTarget spatialTarget() {
        return PostgisDetection.detect(pool);
    }

    /**
     * The last heartbeat of {@code instance} this target committed (before a restart), if any.
     *
     * @throws SinkException when the target cannot be asked
     */
    public Optional<ControlRowTables.AppliedHeartbeat> appliedHeartbeat(String instance) {
        try {
            return Transactions.run(pool, connection -> ControlRowTables.applied(connection, instance));
        } catch (Exception e) {
            throw SinkFailures.of("read the last heartbeat", TandemSchema.HEARTBEAT, null, e);
        }
    }

    /** Waits for fence tokens on this target, over the pool. */
    public TargetFence fence(Clock clock) {
        return new TargetFence(pool::getConnection, clock);
    }

    /** Row changes dead-lettered (and committed) since open. */
    public long deadLetteredRows() {
        return changeSink.deadLetteredRows();
    }

    @Override
    public void close() {
        changeSink.close();
        pool.close();
    }

    private static HikariDataSource createPool(String jdbcUrl, String user, char[] password,
            PostgresTargetOptions options) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("tandem-postgres");
        config.setJdbcUrl(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
        config.setUsername(user);
        if (password != null) {
            config.setPassword(new String(password));
        }
        config.setMaximumPoolSize(options.poolSize());
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        config.setConnectionTimeout(options.connectionTimeout().toMillis());
        config.addDataSourceProperty("ApplicationName", "tandem");
        // Keeps row values that the server quotes in error details out of exception messages and driver logs.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        if (options.tagWithForwardOrigins()) {
            config.setConnectionInitSql(ForwardOrigins.sessionSetupSql(options.forwardOriginCount()));
            // Committed on its own: the pool hands out connections with auto-commit off.
            config.setIsolateInternalQueries(true);
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw SinkFailures.of("connect", null, null, e);
        }
    }
}
