package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.deploy.demo.SakilaWriter;
import io.tandem.testkit.compare.ComparisonReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine is killed like a crash at several points — in the middle of a table's COPY, after some tables'
 * copies committed, right after a streamed batch committed, and at an arbitrary moment while streaming — each time
 * restarted, with a writer changing the source throughout. At the end the target equals the source row by row,
 * the table without a primary key included, and tables copied before a crash were not copied again.
 */
class CrashRecoveryTest {

    private static final Duration ENGINE_DEADLINE = Duration.ofMinutes(3);
    private static final int BIG_TABLE_ROWS = 300_000;

    @Test
    void killedAtEveryStageAndRestartedTheTargetEndsEqualToTheSource(@TempDir Path directory) throws Exception {
        SourceFixture fixture = new SourceFixture("crash");
        try (Connection connection = fixture.source.connect(fixture.database);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE big (id INT PRIMARY KEY, payload VARCHAR(100))");
            statement.execute("INSERT INTO big SELECT n, CONCAT('row ', n, ' ', REPEAT('x', 60)) FROM ("
                    + SourceFixture.numbers(6) + ") numbers WHERE n < " + BIG_TABLE_ROWS);
        }
        int tableCount = 18;
        Path config = fixture.writeConfig(directory, "snapshot:\n  parallelism: 1\n");
        SakilaWriter writer = fixture.startWriter(50);

        // 1. SIGKILL in the middle of the big table's COPY.
        try (EngineProcess engine = EngineProcess.start(config, "engine-1", List.of())) {
            Await.until("the big table's COPY to be under way", ENGINE_DEADLINE, () -> !engine.isAlive()
                    || fixture.targetQueryLong("SELECT coalesce(max(tuples_processed), 0) FROM pg_stat_progress_copy")
                    > BIG_TABLE_ROWS / 10);
            assertTrue(engine.isAlive(), engine.logTail());
            engine.kill();
        }
        long copiedBeforeKill = completedTables(fixture);
        assertTrue(copiedBeforeKill < tableCount, "tables marked copied: " + copiedBeforeKill);
        assertEquals(0, fixture.count("big"), "a killed COPY must leave no rows behind");

        // 2. Halt right after the next table's copy committed with its mark.
        try (EngineProcess engine = EngineProcess.start(config, "engine-2", List.of("-Dtandem.failpoint=after-table-copied:1"))) {
            assertEquals(137, engine.awaitExit(ENGINE_DEADLINE), engine.logTail());
        }
        assertEquals(copiedBeforeKill + 1, completedTables(fixture));
        Set<String> marksBeforeStreaming = marks(fixture);

        // 3. Halt right after the fifth streamed batch committed, before anything else learned of it.
        try (EngineProcess engine = EngineProcess.start(config, "engine-3", List.of("-Dtandem.failpoint=after-batch-commit:5"))) {
            assertEquals(137, engine.awaitExit(ENGINE_DEADLINE), engine.logTail());
        }
        assertEquals(tableCount, completedTables(fixture));

        // 4. SIGKILL at an arbitrary moment while streaming, with the keyless table changing too.
        try (EngineProcess engine = EngineProcess.start(config, "engine-4", List.of())) {
            String offsetBefore = offset(fixture);
            Await.until("the stored position to move", ENGINE_DEADLINE,
                    () -> !engine.isAlive() || !offset(fixture).equals(offsetBefore));
            fixture.churnKeylessTable(100);
            assertTrue(engine.isAlive(), engine.logTail());
            engine.kill();
        }

        // 5. Run to the end: stop the writer, prove the drain with a fence token, compare everything.
        try (EngineProcess engine = EngineProcess.start(config, "engine-5", List.of())) {
            fixture.churnKeylessTable(50);
            writer.stop();
            assertEquals(null, writer.failure());
            ComparisonReport report = fixture.awaitFenceAndCompare(ENGINE_DEADLINE);
            assertTrue(report.isEqual(), report + "\n" + engine.logTail());
            assertTrue(engine.isAlive(), engine.logTail());
        }
        Set<String> marksAtEnd = marks(fixture);
        assertTrue(marksAtEnd.containsAll(marksBeforeStreaming),
                "tables copied before a crash were copied again: " + marksBeforeStreaming + " vs " + marksAtEnd);
    }

    private static long completedTables(SourceFixture fixture) throws SQLException {
        return fixture.targetQueryLong("SELECT count(*) FROM tandem.snapshot_tables");
    }

    /** Each completion mark with its commit time: unchanged as long as that table is not copied again. */
    private static Set<String> marks(SourceFixture fixture) throws SQLException {
        Set<String> marks = new HashSet<>();
        try (Connection connection = fixture.target.connect(fixture.targetDatabase);
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery(
                     "SELECT source_table || '@' || completed_at FROM tandem.snapshot_tables")) {
            while (rows.next()) {
                marks.add(rows.getString(1));
            }
        }
        return marks;
    }

    private static String offset(SourceFixture fixture) throws SQLException {
        try (Connection connection = fixture.target.connect(fixture.targetDatabase);
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT coalesce(string_agg(source_offset::text, ','), '') FROM tandem.offsets")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
