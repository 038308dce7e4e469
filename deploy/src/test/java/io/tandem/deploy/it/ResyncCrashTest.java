package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.admin.ControlTables;
import io.tandem.connectors.mysql.admin.SourceFence;
import io.tandem.sink.postgres.state.TargetFence;
import io.tandem.testkit.compare.ComparisonReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon halted like {@code kill -9} at each step of a resync in turn, and restarted, under a writer changing
 * the resynced table and another one throughout: once the copy's snapshot is taken, in the middle of the copy, once
 * the copy is committed aside (not swapped in), and right after the batch that swapped it in committed. The resync
 * is the DBA's fix for a keyless table full of duplicates, an AUTO_INCREMENT primary key added in front, which
 * MySQL numbers in its own order. At the end the target equals the source row by row, generated ids included,
 * nothing doubled, no resync unfinished and nothing left in a staging schema.
 *
 * <p>One chain, each daemon started recovers the previous crash and is halted at the next step. The last halt is
 * {@code after-batch-commit:1}: a daemon restarted with a copy committed aside swaps it in ahead of the first
 * record it decodes (the stream finishes ready copies before each record), so its first batch carries the swap;
 * the test checks that the halt did land after it (the resync is DONE, the staging schema gone).
 */
class ResyncCrashTest {

    private static final Duration DEADLINE = Duration.ofMinutes(2);
    /** Enough rows for the copy to pass the 1024-row failpoint many times. */
    private static final int KEYLESS_ROWS = 40_000;

    @TempDir
    Path directory;

    private SourceFixture fixture;
    /** The daemon of the current step; closed after the test whatever happened. */
    private EngineProcess engine;

    @AfterEach
    void stopDaemon() throws InterruptedException {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aResyncKilledAtEachStepFinishesExactlyAfterARestart() throws Exception {
        fixture = SourceFixture.withoutSakila("rcrash");
        fixture.onSource("CREATE TABLE events (a INT NOT NULL, b VARCHAR(20), KEY ix_a (a))",
                "INSERT INTO events SELECT n % 300, CONCAT('e', n % 7) FROM (" + SourceFixture.numbers(5)
                        + ") numbers WHERE n < " + KEYLESS_ROWS / 2,
                "INSERT INTO events SELECT * FROM events",
                "CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, qty INT NOT NULL, note VARCHAR(20))",
                "INSERT INTO orders (qty, note) SELECT a, b FROM events LIMIT 1000");
        Path config = fixture.writeConfig(directory, "");
        long started = System.nanoTime();
        try (Writer writer = new Writer()) {
            writer.start();

            engine = EngineProcess.start(config, "engine-1", failpoint("resync-snapshot-taken:1"));
            awaitApplied(engine);
            fixture.onSource("ALTER TABLE events ADD COLUMN id INT NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST");
            awaitHalt(engine);
            assertEquals(List.of(List.of("REQUESTED")), resyncPhases(), "the request is durable");

            engine = EngineProcess.start(config, "engine-2", failpoint("resync-copying-rows:3"));
            awaitHalt(engine);
            assertEquals(List.of(List.of("REQUESTED")), resyncPhases(), "a copy halted midway is not recorded");

            engine = EngineProcess.start(config, "engine-3", failpoint("resync-copied:1"));
            awaitHalt(engine);
            assertEquals(List.of(List.of("COPIED")), resyncPhases(), "the copy is committed aside");
            assertEquals(1, stagingSchemas(), "the copy waits in its staging schema");

            engine = EngineProcess.start(config, "engine-4", failpoint("after-batch-commit:1"));
            awaitHalt(engine);
            assertEquals(List.of(List.of("DONE")), resyncPhases(), "the first batch after the restart swapped it in");
            assertEquals(0, stagingSchemas(), "the swap moved the copy out of its staging schema");

            engine = EngineProcess.start(config, "engine-5", List.of());
            writer.awaitMore(100);
            awaitApplied(engine);
            writer.close();
            ComparisonReport report = fixture.awaitFenceAndCompare(DEADLINE);
            assertTrue(report.isEqual(), report + "\n" + engine.logTail());
            assertTrue(engine.isAlive(), engine.logTail());
            writer.requireNoFailure();
            System.out.printf("resync crash chain (servers up, tables loaded): %d writer transactions, %d ms%n", writer.transactions.get(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        assertEquals(List.of(List.of("DONE")), resyncPhases(), "one resync, finished");
        assertEquals(0, stagingSchemas(), "no staging schema is left behind");
        assertEquals(sourceCount("events"), fixture.count("events"), "nothing doubled");
        assertEquals(fixture.targetQueryLong("SELECT count(DISTINCT id) FROM \"" + fixture.database + "\".events"),
                fixture.count("events"), "every generated id once");
    }

    private static List<String> failpoint(String spec) {
        return List.of("-Dtandem.failpoint=" + spec);
    }

    /** Waits for the failpoint to halt the daemon (exit 137, as {@code Runtime.halt} gives it). */
    private void awaitHalt(EngineProcess halting) throws InterruptedException {
        assertEquals(137, halting.awaitExit(DEADLINE), halting.logTail());
    }

    /**
     * A fence token written now has reached the target: the daemon streams and has caught up. The token is written
     * once both tables are copied: before, it could precede the position the stream starts from.
     */
    private void awaitApplied(EngineProcess engine) throws Exception {
        Await.until("the initial copy", DEADLINE, () -> {
            assertTrue(engine.isAlive(), engine.logTail());
            return fixture.targetQueryLong("SELECT count(*) FROM tandem.snapshot_tables WHERE source_database = '"
                    + fixture.database + "'") == 2;
        });
        String token = new SourceFence(() -> fixture.source.connect(fixture.database),
                new ControlTables(SourceFixture.CONTROL_DATABASE), Clock.systemUTC()).write();
        TargetFence target = new TargetFence(() -> fixture.target.connect(fixture.targetDatabase), Clock.systemUTC());
        try {
            Await.until("the fence token to reach the target", DEADLINE, () -> {
                assertTrue(engine.isAlive(), engine.logTail());
                return target.holds(token);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + engine.logTail(), e);
        }
    }

    private List<List<String>> resyncPhases() throws SQLException {
        return fixture.targetRows("SELECT phase FROM tandem.resync WHERE source_database = '" + fixture.database
                + "' ORDER BY id");
    }

    private long stagingSchemas() throws SQLException {
        return fixture.targetQueryLong("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tandem\\_resync\\_%'");
    }

    private long sourceCount(String table) throws SQLException {
        try (Connection connection = fixture.source.connect(fixture.database);
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * About 50 transactions a second, each inserting, deleting and updating one of the keyless table's duplicate
     * rows and inserting and updating an order, until closed.
     */
    private final class Writer implements AutoCloseable {

        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong transactions = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread = new Thread(this::run, "resync-crash-writer");

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            try (Connection connection = fixture.source.connect(fixture.database)) {
                connection.setAutoCommit(false);
                while (!stop.get()) {
                    try (Statement statement = connection.createStatement()) {
                        int a = random.nextInt(300);
                        statement.execute("INSERT INTO events (a, b) VALUES (" + a + ", 'w" + a % 5 + "')");
                        statement.execute("DELETE FROM events WHERE a = " + random.nextInt(300) + " LIMIT 1");
                        statement.execute("UPDATE events SET b = 'u' WHERE a = " + random.nextInt(300) + " LIMIT 1");
                        statement.execute("INSERT INTO orders (qty, note) VALUES (" + a + ", 'w')");
                        statement.execute("UPDATE orders SET qty = qty + 1 WHERE id = " + (1 + random.nextInt(1000)));
                        connection.commit();
                        transactions.incrementAndGet();
                    } catch (SQLException e) {
                        // A statement waiting on the ALTER's metadata lock may time out; the transaction retries.
                        connection.rollback();
                        if (e.getErrorCode() != 1205 && e.getErrorCode() != 1213) {
                            throw e;
                        }
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        void awaitMore(long count) {
            long now = transactions.get();
            Await.until("the writer to commit " + count + " more", DEADLINE,
                    () -> transactions.get() >= now + count || failure.get() != null);
            requireNoFailure();
        }

        void requireNoFailure() {
            if (failure.get() != null) {
                throw new AssertionError("the writer failed", failure.get());
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(30_000);
        }
    }
}
