package io.tandem.deploy.it.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.postgres.stream.ReverseMode;
import io.tandem.cutover.CutoverReport;
import io.tandem.cutover.CutoverState;
import io.tandem.cutover.Direction;
import io.tandem.deploy.demo.AppSimulator;
import io.tandem.deploy.it.Await;
import io.tandem.deploy.replication.Daemon;
import io.tandem.deploy.replication.ReverseReplication;
import io.tandem.engine.pipeline.PipelineState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way back on real servers, with an application writing throughout to whichever database is its own: armed in
 * shadow mode (forward writes filtered out by their origin, a rogue write on PostgreSQL reported and not applied),
 * then cutover, writes on PostgreSQL applied to MySQL, failback, writes on MySQL replicated forward again, and a
 * second cutover. At the end every acknowledged write is on both databases exactly once.
 */
class WayBackTest {

    @TempDir
    Path directory;

    @Test
    void cutoverFailbackCutoverLosesNoWriteOnEitherSide() throws Exception {
        try (CutoverFixture fixture = new CutoverFixture("wayback")) {
            Path config = fixture.writeConfig(directory, "failback:\n  max-lag: 5s\n");
            AppSimulator app = fixture.simulator(4, 150);
            try (Daemon daemon = fixture.startDaemon(config)) {
                try {
                    ReverseReplication reverse = daemon.reverse();
                    app.start();
                    Await.until("the reverse stream shadows: " + reverse.status(), Duration.ofMinutes(2),
                            () -> reverse.notReadyFor(ReverseMode.SHADOW) == null);
                    app.awaitMore(100, 60);
                    // Forward writes carry tandem's origin: PostgreSQL 16+ leaves them out of the slot itself
                    // (origin=none), older versions by the reverse source. Either way none is a rogue write, while
                    // the reverse heartbeats go through and measure the lag.
                    long written = app.acknowledged();
                    Await.until("reverse heartbeats applied on MySQL after forward writes",
                            Duration.ofMinutes(1), () -> reverse.status().lagSeconds() != null
                                    && app.acknowledged() > written + 50);
                    assertEquals(0, reverse.status().rogueWrites(), "forward writes are no rogue writes: "
                            + reverse.status());

                    rogueWriteIsReportedNotApplied(fixture, reverse);
                    // A table created while the way back shadows: the cutover's gate has it armed again first.
                    try (Connection mysql = fixture.sourceAdmin(); Statement statement = mysql.createStatement()) {
                        statement.execute("CREATE TABLE created_later (id INT PRIMARY KEY, note VARCHAR(20))");
                        statement.execute("INSERT INTO created_later VALUES (1, 'from MySQL')");
                    }

                    CutoverFixture.awaitReady(daemon);
                    switchAndCheck(daemon, Direction.CUTOVER, "PostgreSQL", app);
                    assertEquals(ReverseMode.APPLY, reverse.mode());
                    try (Connection postgres = fixture.targetAdmin(); Statement statement = postgres.createStatement()) {
                        statement.execute("INSERT INTO created_later VALUES (2, 'from PostgreSQL')");
                    }
                    Await.until("a row of the table created later reaches MySQL", Duration.ofMinutes(1),
                            () -> count(fixture.sourceAdmin(), "created_later") == 2);
                    app.awaitMore(300, 60);

                    Await.until("the failback gate passes: " + daemon.cutover().readiness(Direction.FAILBACK),
                            Duration.ofMinutes(1), () -> daemon.cutover().readiness(Direction.FAILBACK).stream()
                                    .allMatch(check -> check.ok()));
                    switchAndCheck(daemon, Direction.FAILBACK, "MySQL", app);
                    assertEquals(ReverseMode.SHADOW, reverse.mode());
                    assertFalse(fixture.sourceReadOnly(), "MySQL is writable again");
                    assertFalse(fixture.applicationCanWriteOnPostgres(), "PostgreSQL is closed to the application");
                    Await.until("forward replication runs again", Duration.ofMinutes(1),
                            () -> daemon.replication().handle().state() == PipelineState.STREAMING);
                    app.awaitMore(300, 60);

                    CutoverFixture.awaitReady(daemon);
                    switchAndCheck(daemon, Direction.CUTOVER, "PostgreSQL", app);
                    app.awaitMore(200, 60);
                    Await.until("the reverse stream has applied PostgreSQL's writes", Duration.ofMinutes(1),
                            () -> reverse.status().lagSeconds() != null && reverse.status().lagSeconds() < 2);
                } finally {
                    app.close();
                }
                awaitReverseCaughtUp(fixture, daemon);
                try (Connection postgres = fixture.targetAdmin(); Connection mysql = fixture.sourceAdmin()) {
                    assertEquals(List.of(), app.check(postgres), "acknowledged writes on PostgreSQL");
                    assertEquals(List.of(), app.check(mysql), "acknowledged writes on MySQL");
                }
                System.out.printf("way back: %d transactions acknowledged across cutover, failback and cutover; %d"
                        + " refused and retried%n", app.acknowledged(), app.refused());
            } finally {
                fixture.dropSlot();
            }
        }
    }

    private static void rogueWriteIsReportedNotApplied(CutoverFixture fixture, ReverseReplication reverse)
            throws Exception {
        try (Connection postgres = fixture.targetAdmin(); Statement statement = postgres.createStatement()) {
            statement.execute("UPDATE counters SET n = n + 1000000 WHERE id = 7");
        }
        Await.until("the rogue write is reported", Duration.ofMinutes(1),
                () -> reverse.status().rogueWrites() == 1);
        assertTrue(reverse.status().recentRogueWrites().get(0).relation().contains("counters"),
                reverse.status().toString());
        try (Connection mysql = fixture.sourceAdmin(); Statement statement = mysql.createStatement();
             ResultSet row = statement.executeQuery("SELECT n FROM counters WHERE id = 7")) {
            row.next();
            assertTrue(row.getLong(1) < 1000000, "the rogue write did not reach MySQL");
        }
        // Undo it on PostgreSQL, as an operator would after the alarm, so the verification passes. Unless the
        // application incremented the counter on MySQL meanwhile: forward replication then wrote MySQL's whole row
        // over the rogue value already, and subtracting would leave PostgreSQL a million below MySQL.
        try (Connection postgres = fixture.targetAdmin(); Statement statement = postgres.createStatement()) {
            statement.execute("UPDATE counters SET n = n - 1000000 WHERE id = 7 AND n >= 1000000");
        }
    }

    private static void switchAndCheck(Daemon daemon, Direction direction, String database, AppSimulator app)
            throws Exception {
        CutoverReport report = daemon.cutover().run(direction, step -> { });
        assertEquals(CutoverState.COMPLETED, report.state(), direction.label() + ": " + report.reason() + "\n"
                + report.steps());
        assertEquals(direction, report.direction());
        assertEquals(database, app.current().name(), "the switch-app hook moved the application");
        System.out.printf("%s: write-unavailable window %.1f ms%n", direction.label(), report.windowMillis());
    }

    /** The application stopped on PostgreSQL: the reverse stream applies its last writes to MySQL. */
    private static void awaitReverseCaughtUp(CutoverFixture fixture, Daemon daemon) throws Exception {
        Await.until("MySQL holds as many orders as PostgreSQL", Duration.ofMinutes(1),
                () -> count(fixture.targetAdmin(), "orders") == count(fixture.sourceAdmin(), "orders"));
    }

    /** The rows of {@code table}; closes the connection. */
    private static long count(Connection connection, String table) throws Exception {
        try (connection; Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }
}
