package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import io.tandem.connectors.debezium.InMemoryStateStore;
import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.jdbc.Flavor;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.jdbc.SourceEndpoint;
import io.tandem.connectors.mysql.schema.SchemaReader;
import io.tandem.demo.servers.SourceServer;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.config.DdlConfig.UnsupportedDdlPolicy;
import io.tandem.engine.config.Secret;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.pipeline.ChangeHandler;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.ValuePolicies;
import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * One test's database on the shared source server, a binlog source streaming it into a list, and a state store
 * the test commits positions to the way the sink would.
 */
final class StreamHarness implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);

    static {
        // Debezium at DEBUG floods the test output and slows the run.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.debezium")).setLevel(Level.INFO);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
    }

    final SourceServer server = TestServers.source();
    final String database;
    final String instance;
    final InMemoryStateStore store = new InMemoryStateStore();
    private final List<ChangeEvent> received = new ArrayList<>();
    private BinlogStreamSource source;
    /** ddl.on-unsupported of the sources this harness starts. */
    UnsupportedDdlPolicy onUnsupportedDdl = UnsupportedDdlPolicy.FAIL;
    private ValuePolicies valuePolicies = ValuePolicies.DEFAULTS;
    /** source.control-database of the sources this harness starts; null for none. */
    String controlDatabase;

    private StreamHarness(String database) {
        this.database = database;
        this.instance = "tandem_" + database;
    }

    static StreamHarness create(String prefix) throws SQLException {
        return new StreamHarness(TestServers.source().createDatabase(prefix));
    }

    Flavor flavor() {
        return server.flavor() == io.tandem.demo.servers.Flavor.MARIADB ? Flavor.MARIADB : Flavor.MYSQL;
    }

    TableId table(String name) {
        return new TableId(database, name);
    }

    /** As admin, in UTC, each statement autocommitted unless the list itself says BEGIN/COMMIT. */
    void execute(String... statements) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION time_zone = '+00:00'");
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The server's current binlog position with its GTID set, as the snapshot copier records it. */
    Map<String, String> currentPosition() throws SQLException {
        Map<String, String> position = new HashMap<>();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(flavor() == Flavor.MARIADB ? "SHOW MASTER STATUS"
                    : serverInfo().atLeast(8, 2) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS")) {
                rs.next();
                position.put("file", rs.getString("File"));
                position.put("pos", rs.getString("Position"));
                if (flavor() == Flavor.MYSQL && rs.getString("Executed_Gtid_Set") != null) {
                    position.put("gtids", rs.getString("Executed_Gtid_Set"));
                }
            }
            if (flavor() == Flavor.MARIADB) {
                try (PreparedStatement gtid = connection.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
                    gtid.setString(1, position.get("file"));
                    gtid.setLong(2, Long.parseLong(position.get("pos")));
                    try (ResultSet rs = gtid.executeQuery()) {
                        rs.next();
                        position.put("gtids", rs.getString(1));
                    }
                }
            }
        }
        return position;
    }

    /** Ends the server side of every binlog connection of the engine account, as a network failure would. */
    void killBinlogReaders() throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT ID FROM information_schema.PROCESSLIST "
                    + "WHERE COMMAND LIKE 'Binlog Dump%' AND USER = '" + server.engineUser() + "'")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            if (ids.isEmpty()) {
                fail("no binlog reader connected");
            }
            for (long id : ids) {
                statement.execute("KILL " + id);
            }
        }
    }

    BinlogPosition currentBinlogPosition() throws SQLException {
        return BinlogPosition.of(currentPosition());
    }

    /** The database's tables as the snapshot would map them. */
    Map<TableId, TargetTable> mappedTables() throws SQLException {
        Map<TableId, TargetTable> tables = new LinkedHashMap<>();
        try (Connection connection = connections().open()) {
            for (SourceTable table : new SchemaReader(serverInfo()).readTables(connection, List.of(database), (d, t) -> true)) {
                tables.put(table.id(), new MySqlTableMapper().map(table));
            }
        }
        return tables;
    }

    /** Writes the first stream position, as the lead does after the snapshot. */
    void initializeStart(Map<String, String> position) {
        StreamStart start = StreamStart.at(instance, position);
        store.initializeOffset(start.partition(), start.offset());
    }

    BinlogStreamSource start(Map<TableId, TargetTable> tables, Map<TableId, BinlogPosition> copiedAt) {
        return start(tables, copiedAt, events -> {
            synchronized (received) {
                received.addAll(events);
                received.notifyAll();
            }
        });
    }

    BinlogStreamSource start(Map<TableId, TargetTable> tables, Map<TableId, BinlogPosition> copiedAt, ChangeHandler handler) {
        StreamSettings settings = new StreamSettings(endpoint(), List.of(database), id -> id.database().equals(database),
                List.of(), ThreadLocalRandom.current().nextLong(1000, 1_000_000), instance, 256, 1024, 16L << 20,
                Duration.ofSeconds(30), onUnsupportedDdl, valuePolicies, controlDatabase);
        synchronized (received) {
            received.clear();
        }
        source = new BinlogStreamSource(settings, tables, new MySqlTableMapper(), copiedAt, store, null, handler);
        source.start();
        return source;
    }

    /** The value policies the next {@link #start} streams with. */
    StreamHarness withValuePolicies(ValuePolicies policies) {
        this.valuePolicies = policies;
        return this;
    }

    BinlogStreamSource source() {
        return source;
    }

    /** Waits until the events received since the start satisfy {@code done}; fails with what arrived otherwise. */
    List<ChangeEvent> await(Predicate<List<ChangeEvent>> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (received) {
            while (!done.test(received)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || source.stopped().isCompletedExceptionally()) {
                    fail("stream did not produce the expected events; failure=" + failure() + ", received " + received);
                }
                received.wait(Math.min(200, Math.max(1, left / 1_000_000)));
            }
            return List.copyOf(received);
        }
    }

    /** Waits until {@code count} transaction ends arrived. */
    List<ChangeEvent> awaitTransactions(int count) throws InterruptedException {
        return await(events -> events.stream().filter(TransactionEnd.class::isInstance).count() >= count);
    }

    /** Stores the position of the {@code n}-th (1-based) transaction end received, as the sink would. */
    void commitTransaction(int n) {
        synchronized (received) {
            List<ChangeEvent> ends = received.stream().filter(TransactionEnd.class::isInstance).toList();
            store.commit(ends.get(n - 1).position());
        }
    }

    /** Stores the position of the last transaction end received, as the sink does when it commits a batch. */
    void commitLastTransaction() {
        synchronized (received) {
            for (int i = received.size() - 1; i >= 0; i--) {
                if (received.get(i) instanceof TransactionEnd end) {
                    store.commit(end.position());
                    return;
                }
            }
        }
        fail("no transaction end to commit");
    }

    private String failure() {
        try {
            source.stopped().getNow(null);
            return "none";
        } catch (RuntimeException e) {
            return e.getCause() == null ? e.toString() : e.getCause().toString();
        }
    }

    void stop() {
        if (source != null) {
            source.close();
        }
    }

    @Override
    public void close() throws SQLException {
        stop();
        server.dropDatabase(database);
    }

    SourceEndpoint endpoint() {
        return new SourceEndpoint(flavor(), server.host(), server.port(), server.engineUser(),
                Secret.of(server.enginePassword()));
    }

    private SourceConnections connections() {
        return new SourceConnections(endpoint());
    }

    private ServerInfo serverInfo() throws SQLException {
        return connections().serverInfo();
    }
}
