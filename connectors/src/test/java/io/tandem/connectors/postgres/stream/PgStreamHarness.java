package io.tandem.connectors.postgres.stream;

import ch.qos.logback.classic.Level;
import io.tandem.connectors.debezium.InMemoryStateStore;
import io.tandem.demo.servers.TargetServer;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.config.Secret;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * One reverse source on a test database: its own slot and publication (created here, as tandem's arming step
 * would), an event list it streams into, and an offset store the test's handler commits transaction ends to, the
 * way the reverse sink commits them in MySQL with the rows.
 */
final class PgStreamHarness implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(90);

    static {
        // Debezium at DEBUG floods the test output and slows the run.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.debezium")).setLevel(Level.INFO);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
    }

    final TargetServer server;
    final String database;
    final String name;
    final InMemoryStateStore offsets = new InMemoryStateStore();
    final List<RogueWrite> rogueWrites = new CopyOnWriteArrayList<>();
    private final List<ChangeEvent> received = new ArrayList<>();
    private final Map<TableId, TargetTable> tables;
    /** Whether the handler commits transaction ends; off to play a sink that crashed before its commit. */
    volatile boolean committing = true;
    private PostgresStreamSource source;

    /** Creates the publication over {@code tables} and tandem's control tables, and the slot. */
    PgStreamHarness(TargetServer server, String database, String name, Map<TableId, TargetTable> tables)
            throws SQLException {
        this.server = server;
        this.database = database;
        this.name = name;
        this.tables = Map.copyOf(tables);
        List<String> published = new ArrayList<>(List.of("tandem.reverse_heartbeat", "tandem.reverse_fence"));
        tables.values().forEach(t -> published.add(t.schema() + "." + t.name()));
        execute("CREATE PUBLICATION " + name + "_pub FOR TABLE " + String.join(", ", published));
        execute("SELECT pg_create_logical_replication_slot('" + name + "_slot', 'pgoutput')");
    }

    ReverseSourceSettings settings() {
        return new ReverseSourceSettings(name, server.host(), server.port(), database, server.adminUser(),
                Secret.of(server.adminPassword()), "disable", Map.of(), name + "_slot", name + "_pub", "tandem", 500, 2000,
                Duration.ofSeconds(10));
    }

    PostgresStreamSource start(ReverseMode mode) {
        source = new PostgresStreamSource(settings(), tables, offsets, mode, rogueWrites::add, this::accept);
        source.start();
        return source;
    }

    PostgresStreamSource source() {
        return source;
    }

    private void accept(List<ChangeEvent> events) {
        synchronized (received) {
            for (ChangeEvent event : events) {
                received.add(event);
                if (event instanceof TransactionEnd end && committing) {
                    offsets.commit(end.position());
                }
            }
            received.notifyAll();
        }
    }

    int mark() {
        synchronized (received) {
            return received.size();
        }
    }

    List<ChangeEvent> since(int mark) {
        synchronized (received) {
            return List.copyOf(received.subList(mark, received.size()));
        }
    }

    /**
     * Writes a fence token (after everything the test wrote before, in commit order) and waits until it arrives;
     * returns the events from {@code mark} up to the token, the token excluded.
     */
    List<ChangeEvent> fence(int mark) throws Exception {
        String token = "fence-" + UUID.randomUUID();
        execute("INSERT INTO tandem.reverse_fence (token, written_at) VALUES ('" + token + "', 0)");
        int at = awaitEvent(mark, e -> e instanceof FenceToken f && f.token().equals(token));
        return since(mark).subList(0, at - mark);
    }

    /** Waits until an event at or after {@code mark} matches; returns its index. */
    int awaitEvent(int mark, Predicate<ChangeEvent> wanted) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (received) {
            while (true) {
                for (int i = mark; i < received.size(); i++) {
                    if (wanted.test(received.get(i))) {
                        return i;
                    }
                }
                if (source.stopped().isDone()) {
                    source.stopped().get(); // throws the failure, if any
                    throw new AssertionError("source " + name + " stopped while waiting");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting on " + name + "; received since mark: "
                            + received.subList(mark, received.size()));
                }
                received.wait(Math.min(200, Math.max(1, left / 1_000_000)));
            }
        }
    }

    void execute(String... sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    @Override
    public void close() {
        if (source != null) {
            source.close();
        }
    }
}
