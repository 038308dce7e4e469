package io.tandem.deploy.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * An application writing through a cutover (the demo's, and the tests'): each transaction inserts an order with an
 * AUTO_INCREMENT/identity id (unique by writer and sequence number), increments a hot counter row, records the
 * order in a table without a primary key ({@code order_events}: rows matched by all their values, found through a
 * plain index as an application would have one), every third one marks the previous order's event seen, and every
 * fifth one deletes an earlier order of its writer with its event. A refused write (read-only source, locked
 * account, killed session, no grant yet on PostgreSQL) is retried, on whichever database {@link #switchTo} named
 * last, until it is acknowledged. A commit
 * whose outcome is unknown is retried too: the (writer, seq) key then tells whether it had committed.
 *
 * <p>{@link #check} proves on the final database that every acknowledged write is there exactly once and nothing
 * else is, that each counter equals its acknowledged increments, and that no insert met an id collision.
 */
public final class AppSimulator implements AutoCloseable {

    private static final String SCHEMA_MYSQL = """
            CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, writer INT NOT NULL, seq BIGINT NOT NULL,
              note VARCHAR(40) NOT NULL, UNIQUE KEY orders_writer_seq (writer, seq));
            CREATE TABLE counters (id INT PRIMARY KEY, n BIGINT NOT NULL);
            CREATE TABLE order_events (writer INT NOT NULL, seq BIGINT NOT NULL, what VARCHAR(10) NOT NULL,
              KEY order_events_order (writer, seq))""";
    private static final int COUNTERS = 8;

    /** What one acknowledged transaction did. */
    private record Ack(long seq, int counter, long deletedSeq) {
    }

    private final AtomicReference<AppDatabase> current;
    private final List<Thread> writers = new ArrayList<>();
    private final Map<Integer, List<Ack>> acks = new ConcurrentHashMap<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong idCollisions = new AtomicLong();
    private final AtomicReference<Throwable> unexpected = new AtomicReference<>();
    private final long pauseNanosPerWriter;
    private volatile boolean stopping;

    /**
     * @param transactionsPerSecond the rate all writers together aim at (0: as fast as they can)
     */
    public AppSimulator(AppDatabase start, int writerCount, int transactionsPerSecond) {
        this.current = new AtomicReference<>(start);
        this.pauseNanosPerWriter = transactionsPerSecond <= 0 ? 0
                : 1_000_000_000L * writerCount / transactionsPerSecond;
        for (int w = 0; w < writerCount; w++) {
            int writer = w;
            acks.put(writer, new ArrayList<>());
            Thread thread = new Thread(() -> run(writer), "app-writer-" + writer);
            thread.setDaemon(true);
            writers.add(thread);
        }
    }

    /** Creates the tables and the counter rows on the source database. */
    public static void createSchema(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            for (String ddl : SCHEMA_MYSQL.split(";")) {
                statement.execute(ddl);
            }
            for (int i = 0; i < COUNTERS; i++) {
                statement.execute("INSERT INTO counters VALUES (" + i + ", 0)");
            }
        }
    }

    public void start() {
        writers.forEach(Thread::start);
    }

    /** From now on, writes go to {@code next} (what the switch-app hook does to a real application). */
    public void switchTo(AppDatabase next) {
        current.set(next);
    }

    public AppDatabase current() {
        return current.get();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public long refused() {
        return refused.get();
    }

    /** Waits until {@code more} further transactions are acknowledged, or fails after {@code seconds}. */
    public void awaitMore(long more, int seconds) {
        long target = acknowledged.get() + more;
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (acknowledged.get() < target) {
            failIfBroken();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the application acknowledged " + acknowledged.get() + " of " + target
                        + " transactions within " + seconds + " s on " + current.get() + " (" + refused.get()
                        + " refusals)");
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    /** Stops after each writer's transaction in flight is acknowledged (a refused one is retried until then). */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        for (Thread writer : writers) {
            writer.join(30_000);
            if (writer.isAlive()) {
                throw new AssertionError(writer.getName() + " could not finish its transaction on " + current.get()
                        + " within 30 s (" + refused.get() + " refusals)");
            }
        }
    }

    private void run(int writer) {
        long seq = 0;
        long nextDelete = 0;
        Connection connection = null;
        AppDatabase connectedTo = null;
        while (!stopping) {
            seq++;
            int counter = (int) (seq % COUNTERS);
            long deleteSeq = seq % 5 == 0 && nextDelete < seq - 1 ? ++nextDelete : 0;
            while (true) {
                AppDatabase target = current.get();
                try {
                    if (connection == null || connectedTo != target) {
                        closeQuietly(connection);
                        connection = null;
                        connection = target.connect();
                        connectedTo = target;
                    }
                    write(connection, writer, seq, counter, deleteSeq);
                    acknowledge(writer, seq, counter, deleteSeq);
                    break;
                } catch (SQLException e) {
                    rollbackQuietly(connection);
                    if (connectedTo != null && connectedTo.isIdCollision(e)) {
                        idCollisions.incrementAndGet();
                    } else if (connectedTo != null && connectedTo.isDuplicate(e)) {
                        acknowledge(writer, seq, counter, deleteSeq); // an earlier try had committed
                        break;
                    }
                    refused.incrementAndGet();
                    closeQuietly(connection);
                    connection = null;
                    LockSupport.parkNanos(2_000_000);
                } catch (RuntimeException | Error e) {
                    unexpected.compareAndSet(null, e);
                    return;
                }
            }
            if (pauseNanosPerWriter > 0) {
                LockSupport.parkNanos(pauseNanosPerWriter);
            }
        }
        closeQuietly(connection);
    }

    private static void write(Connection connection, int writer, long seq, int counter, long deleteSeq)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO orders (writer, seq, note) VALUES (?, ?, ?)");
             PreparedStatement increment = connection.prepareStatement("UPDATE counters SET n = n + 1 WHERE id = ?")) {
            insert.setInt(1, writer);
            insert.setLong(2, seq);
            insert.setString(3, "w" + writer + "-" + seq);
            insert.executeUpdate();
            increment.setInt(1, counter);
            if (increment.executeUpdate() != 1) {
                throw new IllegalStateException("counter " + counter + " is missing");
            }
            event(connection, "INSERT INTO order_events (writer, seq, what) VALUES (?, ?, 'placed')", writer, seq);
            if (seq % 3 == 0) {
                event(connection, "UPDATE order_events SET what = 'seen' WHERE writer = ? AND seq = ?", writer,
                        seq - 1);
            }
            if (deleteSeq > 0) {
                event(connection, "DELETE FROM orders WHERE writer = ? AND seq = ?", writer, deleteSeq);
                event(connection, "DELETE FROM order_events WHERE writer = ? AND seq = ?", writer, deleteSeq);
            }
        }
        connection.commit();
    }

    private static void event(Connection connection, String sql, int writer, long seq) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, writer);
            statement.setLong(2, seq);
            statement.executeUpdate();
        }
    }

    private static void rollbackQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the session is gone (killed, or the server refused it); the connection is replaced anyway
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // as above
            }
        }
    }

    private void acknowledge(int writer, long seq, int counter, long deleteSeq) {
        acks.get(writer).add(new Ack(seq, counter, deleteSeq));
        acknowledged.incrementAndGet();
    }

    private void failIfBroken() {
        Throwable e = unexpected.get();
        if (e != null) {
            throw new AssertionError("the application simulator failed", e);
        }
    }

    /**
     * Compares the final database with what was acknowledged; the writers must be closed first. Returns a list of
     * problems (empty when every acknowledged write is present exactly once and nothing else is).
     */
    public List<String> check(Connection finalDatabase) throws SQLException {
        failIfBroken();
        List<String> problems = new ArrayList<>();
        if (idCollisions.get() > 0) {
            problems.add(idCollisions.get() + " inserts met an id collision on " + current.get());
        }
        Map<Integer, Map<Long, Integer>> present = new HashMap<>();
        try (Statement statement = finalDatabase.createStatement();
             ResultSet rows = statement.executeQuery("SELECT writer, seq, count(*) FROM orders GROUP BY writer, seq")) {
            while (rows.next()) {
                present.computeIfAbsent(rows.getInt(1), w -> new HashMap<>()).put(rows.getLong(2), rows.getInt(3));
            }
        }
        long[] expectedCounters = new long[COUNTERS];
        for (Map.Entry<Integer, List<Ack>> writer : acks.entrySet()) {
            Map<Long, Integer> rows = present.getOrDefault(writer.getKey(), Map.of());
            Set<Long> deleted = new HashSet<>();
            writer.getValue().forEach(ack -> {
                if (ack.deletedSeq() > 0) {
                    deleted.add(ack.deletedSeq());
                }
                expectedCounters[ack.counter()]++;
            });
            Set<Long> expected = new HashSet<>();
            writer.getValue().forEach(ack -> expected.add(ack.seq()));
            expected.removeAll(deleted);
            for (long seq : expected) {
                int count = rows.getOrDefault(seq, 0);
                if (count != 1) {
                    problems.add("writer " + writer.getKey() + " seq " + seq + ": acknowledged, present " + count
                            + " times");
                }
            }
            for (Map.Entry<Long, Integer> row : rows.entrySet()) {
                if (!expected.contains(row.getKey())) {
                    problems.add("writer " + writer.getKey() + " seq " + row.getKey() + ": present but "
                            + (deleted.contains(row.getKey()) ? "its delete was acknowledged" : "never acknowledged"));
                }
            }
        }
        problems.addAll(checkEvents(finalDatabase));
        try (Statement statement = finalDatabase.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, n FROM counters ORDER BY id")) {
            while (rows.next()) {
                int id = rows.getInt(1);
                if (rows.getLong(2) != expectedCounters[id]) {
                    problems.add("counter " + id + " is " + rows.getLong(2) + ", acknowledged increments "
                            + expectedCounters[id]);
                }
            }
        }
        return problems.size() > 20 ? problems.subList(0, 20) : problems;
    }

    /**
     * The table without a key: one event per order that is still there, 'seen' when the next transaction of its
     * writer was acknowledged and was a third one, else 'placed'; none for deleted orders.
     */
    private List<String> checkEvents(Connection finalDatabase) throws SQLException {
        Map<Integer, Map<Long, List<String>>> present = new HashMap<>();
        try (Statement statement = finalDatabase.createStatement();
             ResultSet rows = statement.executeQuery("SELECT writer, seq, what FROM order_events")) {
            while (rows.next()) {
                present.computeIfAbsent(rows.getInt(1), w -> new HashMap<>())
                        .computeIfAbsent(rows.getLong(2), q -> new ArrayList<>()).add(rows.getString(3));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Integer, List<Ack>> writer : acks.entrySet()) {
            Map<Long, List<String>> events = present.getOrDefault(writer.getKey(), Map.of());
            Set<Long> acked = new HashSet<>();
            Set<Long> deleted = new HashSet<>();
            writer.getValue().forEach(ack -> {
                acked.add(ack.seq());
                if (ack.deletedSeq() > 0) {
                    deleted.add(ack.deletedSeq());
                }
            });
            for (long seq : acked) {
                String expected = acked.contains(seq + 1) && (seq + 1) % 3 == 0 ? "seen" : "placed";
                List<String> found = events.getOrDefault(seq, List.of());
                List<String> wanted = deleted.contains(seq) ? List.of() : List.of(expected);
                if (!found.equals(wanted)) {
                    problems.add("writer " + writer.getKey() + " seq " + seq + ": events " + found + ", expected "
                            + wanted);
                }
            }
            events.keySet().stream().filter(seq -> !acked.contains(seq)).forEach(seq -> problems.add("writer "
                    + writer.getKey() + " seq " + seq + ": an event of an order never acknowledged"));
        }
        return problems;
    }
}
