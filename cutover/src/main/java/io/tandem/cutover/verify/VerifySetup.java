package io.tandem.cutover.verify;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.jdbc.SourceEndpoints;
import io.tandem.connectors.mysql.stream.StreamStart;
import io.tandem.engine.config.Secret;
import io.tandem.engine.config.TandemConfig;
import io.tandem.engine.config.VerifyConfig;
import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.StateStore;
import io.tandem.engine.values.ValuePolicies;
import io.tandem.sink.postgres.state.PostgresStateStore;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Everything a verification pass reads from: the source, the target (its own small pool, apart from the sink's),
 * the state store holding the committed position and table definitions, and the parts of the config that decide
 * what tandem writes (tables, value policies) and how verification runs.
 */
public final class VerifySetup implements AutoCloseable {

    private final SourceConnections source;
    private final DataSource target;
    private final StateStore state;
    private final Map<String, String> partition;
    private final List<String> databases;
    private final Predicate<TableId> included;
    private final ValuePolicies policies;
    private final int fetchRows;
    private final VerifyConfig settings;
    private final AutoCloseable onClose;

    /**
     * @param partition the source partition whose committed offset tells how far the target is
     *     ({@link StreamStart#partition(String)} of the instance name)
     * @param onClose releases the target pool, or null when the caller owns it
     */
    public VerifySetup(SourceConnections source, DataSource target, StateStore state, Map<String, String> partition,
                       List<String> databases, Predicate<TableId> included, ValuePolicies policies, int fetchRows,
                       VerifyConfig settings, AutoCloseable onClose) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.state = Objects.requireNonNull(state, "state");
        this.partition = Map.copyOf(partition);
        this.databases = List.copyOf(databases);
        this.included = Objects.requireNonNull(included, "included");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.fetchRows = fetchRows;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.onClose = onClose;
    }

    /**
     * From the instance's config, as {@code tandem run} reads it; opens a target pool of two connections (the
     * comparison and the position reads).
     */
    public static VerifySetup open(TandemConfig config) throws SQLException {
        SourceConnections source = new SourceConnections(SourceEndpoints.fromConfig(config.source()));
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("tandem-verify");
        pool.setJdbcUrl(config.target().jdbcUrl());
        pool.setUsername(config.target().user());
        config.target().password().map(Secret::reveal).ifPresent(pool::setPassword);
        pool.setMaximumPoolSize(2);
        pool.setMinimumIdle(0);
        pool.setAutoCommit(false);
        pool.addDataSourceProperty("ApplicationName", "tandem-verify");
        // Keeps row values the server quotes in error details out of exception messages.
        pool.addDataSourceProperty("logServerErrorDetail", "false");
        HikariDataSource target = new HikariDataSource(pool);
        return new VerifySetup(source, target, new PostgresStateStore(target), StreamStart.partition(config.name()),
                config.source().databases(), t -> config.source().tables().includes(t.database(), t.table()),
                config.values().policies(), config.snapshot().fetchSize(), config.verify(), target);
    }

    SourceConnections source() {
        return source;
    }

    DataSource target() {
        return target;
    }

    StateStore state() {
        return state;
    }

    Map<String, String> partition() {
        return partition;
    }

    List<String> databases() {
        return databases;
    }

    Predicate<TableId> included() {
        return included;
    }

    ValuePolicies policies() {
        return policies;
    }

    int fetchRows() {
        return fetchRows;
    }

    public VerifyConfig settings() {
        return settings;
    }

    @Override
    public void close() throws Exception {
        if (onClose != null) {
            onClose.close();
        }
    }
}
