package io.tandem.deploy.it.cutover;

import io.tandem.deploy.demo.AppSimulator;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.cutover.CutoverReport;
import io.tandem.cutover.CutoverState;
import io.tandem.cutover.Direction;
import io.tandem.deploy.replication.Daemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-unavailable window of many cutovers under an application writing as fast as it is told to (default
 * 600 transactions/s from 8 connections): median and maximum. A benchmark, not a test: it runs only with
 * {@code -Dtandem.bench=true} and never fails on a time (it does fail when a write is lost, as the tests do).
 */
@EnabledIfSystemProperty(named = "tandem.bench", matches = "true")
class CutoverWindowBenchmark {

    private static final int CUTOVERS = Integer.getInteger("tandem.bench.cutovers", 20);
    private static final int RATE = Integer.getInteger("tandem.bench.rate", 600);
    private static final int WRITERS = Integer.getInteger("tandem.bench.writers", 8);

    @TempDir
    Path directory;

    @Test
    void windowUnderLoad() throws Exception {
        List<Double> windows = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (int run = 1; run <= CUTOVERS; run++) {
            try (CutoverFixture fixture = new CutoverFixture("window" + run)) {
                Path config = fixture.writeConfig(Files.createDirectories(directory.resolve("run" + run)), "");
                AppSimulator app = fixture.simulator(WRITERS, RATE);
                try (Daemon daemon = fixture.startDaemon(config)) {
                    app.start();
                    CutoverFixture.awaitReady(daemon);
                    long before = app.acknowledged();
                    long started = System.nanoTime();
                    app.awaitMore(RATE * 3L, 60);
                    double rate = (app.acknowledged() - before) / ((System.nanoTime() - started) / 1e9);

                    CutoverReport report = daemon.cutover().run(Direction.CUTOVER, step -> { });

                    assertEquals(CutoverState.COMPLETED, report.state(), report.reason());
                    windows.add(report.windowMillis());
                    rates.add(rate);
                    app.awaitMore(RATE, 60);
                } finally {
                    app.close();
                }
                try (Connection postgres = fixture.targetAdmin()) {
                    assertEquals(List.of(), app.check(postgres));
                }
                System.out.printf("cutover %2d: window %7.1f ms under %5.0f transactions/s%n", run,
                        windows.get(windows.size() - 1), rates.get(rates.size() - 1));
            }
        }
        List<Double> sorted = windows.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("%d cutovers: write-unavailable window median %.1f ms, max %.1f ms; application rate "
                        + "min %.0f, median %.0f transactions/s%n", sorted.size(), median, sorted.get(sorted.size() - 1),
                rates.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                rates.stream().sorted().toList().get(rates.size() / 2));
    }
}
