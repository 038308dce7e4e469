package io.tandem.deploy.it.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failback's write-unavailable window over many cutover → failback cycles of one migration, under an
 * application writing as fast as it is told to (default 600 transactions/s from 8 connections), then how fast each
 * direction drains a backlog: its apply loop held while the application writes, then let go. A benchmark, not a
 * test: it runs only with {@code -Dtandem.bench=true} and never fails on a time (it does fail when a write is lost).
 */
@EnabledIfSystemProperty(named = "tandem.bench", matches = "true")
class FailbackWindowBenchmark {

    private static final int CYCLES = Integer.getInteger("tandem.bench.failbacks", 10);
    private static final int RATE = Integer.getInteger("tandem.bench.rate", 600);
    private static final int WRITERS = Integer.getInteger("tandem.bench.writers", 8);
    private static final int BACKLOG_SECONDS = Integer.getInteger("tandem.bench.backlog-seconds", 20);

    @TempDir
    Path directory;

    @Test
    void failbackWindowAndDrainRates() throws Exception {
        List<Double> cutovers = new ArrayList<>();
        List<Double> failbacks = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        try (CutoverFixture fixture = new CutoverFixture("failback_bench")) {
            // The gates' lag is a p99 over the last minute, which a switch's pause raises: at the default limits a
            // cycle would wait a minute after each switch. The failback's budget is raised so that every cycle
            // completes and its windows are measured as they are: the table without a key is compared in full
            // inside each pause, so the windows grow with it.
            Path config = fixture.writeConfig(directory, "failback:\n  max-lag: 2s\n  max-pause: 10s\n");
            AppSimulator app = fixture.simulator(WRITERS, RATE);
            try (Daemon daemon = fixture.startDaemon(config)) {
                ReverseReplication reverse = daemon.reverse();
                try {
                    app.start();
                    for (int cycle = 1; cycle <= CYCLES; cycle++) {
                        Await.until("the way back shadows", Duration.ofMinutes(2),
                                () -> reverse.notReadyFor(ReverseMode.SHADOW) == null);
                        CutoverFixture.awaitReady(daemon);
                        cutovers.add(switched(daemon, Direction.CUTOVER));
                        rates.add(rate(app));
                        Await.until("the failback gate passes", Duration.ofMinutes(1),
                                () -> daemon.cutover().readiness(Direction.FAILBACK).stream()
                                        .allMatch(check -> check.ok()));
                        failbacks.add(switched(daemon, Direction.FAILBACK));
                        Await.until("forward replication runs again", Duration.ofMinutes(1),
                                () -> daemon.replication().handle().state() == PipelineState.STREAMING);
                        System.out.printf("cycle %2d: cutover %7.1f ms, failback %7.1f ms, application %5.0f"
                                + " transactions/s%n", cycle, cutovers.get(cycle - 1), failbacks.get(cycle - 1),
                                rates.get(cycle - 1));
                    }
                    double forward = drainRate(app, daemon.replication().handle()::pause,
                            daemon.replication().handle()::resume,
                            () -> daemon.replication().metrics().tandemMetrics().eventsAppliedTotal(),
                            () -> daemon.replication().metrics().tandemMetrics().lag().lagSeconds());
                    CutoverFixture.awaitReady(daemon);
                    switched(daemon, Direction.CUTOVER);
                    double backwards = drainRate(app, reverse.handle()::pause, reverse.handle()::resume,
                            reverse::eventsApplied, () -> reverse.lag().lagSeconds());
                    System.out.printf("backlog drain: forward %,.0f events/s, reverse %,.0f events/s%n", forward,
                            backwards);
                } finally {
                    app.close();
                }
                Await.until("MySQL holds what PostgreSQL holds", Duration.ofMinutes(2),
                        () -> reverse.status().lagSeconds() != null && reverse.status().lagSeconds() < 2);
                try (Connection postgres = fixture.targetAdmin(); Connection mysql = fixture.sourceAdmin()) {
                    assertEquals(List.of(), app.check(postgres));
                }
            } finally {
                fixture.dropSlot();
            }
        }
        System.out.printf("%d failbacks: write-unavailable window median %.1f ms, max %.1f ms (cutovers: median %.1f"
                + " ms, max %.1f ms); application rate min %.0f, median %.0f transactions/s%n", failbacks.size(),
                median(failbacks), max(failbacks), median(cutovers), max(cutovers),
                rates.stream().mapToDouble(Double::doubleValue).min().orElse(0), median(rates));
    }

    private static double switched(Daemon daemon, Direction direction) throws Exception {
        CutoverReport report = daemon.cutover().run(direction, step -> { });
        assertEquals(CutoverState.COMPLETED, report.state(), direction.label() + ": " + report.reason());
        return report.windowMillis();
    }

    private static double rate(AppSimulator app) {
        long before = app.acknowledged();
        long started = System.nanoTime();
        app.awaitMore(RATE * 3L, 60);
        return (app.acknowledged() - before) / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * Holds a direction's apply loop while the application writes for a while, then lets it go and measures the
     * events it applies per second until its heartbeat lag is below a second again (the application goes on
     * writing meanwhile, as it would in production).
     */
    private static double drainRate(AppSimulator app, Runnable hold, Runnable release, LongSupplier applied,
                                    Supplier<Double> lagSeconds) {
        hold.run();
        app.awaitMore((long) RATE * BACKLOG_SECONDS, BACKLOG_SECONDS * 4);
        long heldAt = applied.getAsLong();
        long started = System.nanoTime();
        release.run();
        Await.until("the backlog drains", Duration.ofMinutes(5), () -> {
            Double lag = lagSeconds.get();
            return applied.getAsLong() > heldAt && lag != null && lag < 1.0;
        });
        return (applied.getAsLong() - heldAt) / ((System.nanoTime() - started) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
