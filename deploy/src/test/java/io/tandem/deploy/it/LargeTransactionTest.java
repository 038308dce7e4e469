package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.testkit.compare.ComparisonReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single source transaction of 200,000 rows (~50 MB of row data) streams through an engine whose heap is capped
 * at 256 MiB: memory is bounded by the configured queue and batch sizes, not by the transaction.
 */
class LargeTransactionTest {

    private static final int ROWS = 200_000;

    @Test
    void aTransactionLargerThanTheHeapStreamsWithBoundedMemory(@TempDir Path directory) throws Exception {
        SourceFixture fixture = new SourceFixture("bigtx");
        try (Connection connection = fixture.source.connect(fixture.database);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE wide (id INT PRIMARY KEY, payload VARCHAR(250))");
        }
        Path config = fixture.writeConfig(directory, """
                apply:
                  batch-max-rows: 5000
                  batch-max-bytes: 8MiB
                  queue-max-bytes: 16MiB
                """);
        try (EngineProcess engine = EngineProcess.start(config, "engine", List.of("-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError"))) {
            Await.until("streaming to start", Duration.ofMinutes(3), () -> !engine.isAlive()
                    || fixture.targetQueryLong("SELECT count(*) FROM tandem.offsets") > 0);
            assertTrue(engine.isAlive(), engine.logTail());

            try (Connection connection = fixture.source.connect(fixture.database);
                 Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute("INSERT INTO wide SELECT n, CONCAT(n, ':', REPEAT('p', 240)) FROM ("
                        + SourceFixture.numbers(6) + ") numbers WHERE n < " + ROWS);
                connection.commit();
            }
            Await.until("all " + ROWS + " rows to arrive", Duration.ofMinutes(5),
                    () -> !engine.isAlive() || fixture.count("wide") == ROWS);
            assertTrue(engine.isAlive(), "the engine died:\n" + engine.logTail());

            ComparisonReport report = fixture.awaitFenceAndCompare(Duration.ofMinutes(2));
            assertTrue(report.isEqual(), report.toString());
        }
        String log = Files.readString(directory.resolve("engine.log"));
        assertFalse(log.contains("OutOfMemoryError"), "the engine ran out of memory");
    }
}
