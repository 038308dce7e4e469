package io.tandem.deploy.it.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.postgres.stream.ReverseMode;
import io.tandem.cutover.CutoverReport;
import io.tandem.cutover.CutoverState;
import io.tandem.cutover.Direction;
import io.tandem.deploy.cli.FailbackCommand;
import io.tandem.deploy.it.Await;
import io.tandem.deploy.it.page.HeadlessChromium;
import io.tandem.deploy.replication.Daemon;
import io.tandem.deploy.replication.ReverseReplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What an operator sees of the way back on a real daemon with failback enabled: the status page's way-back panel
 * and the {@code tandem_reverse_*} metrics while the reverse stream shadows, then a cutover, then {@code tandem
 * failback} from the command line (dry run first), and the page naming the failback as the latest attempt with the
 * cutover as the next switch.
 */
class WayBackPageTest {

    @TempDir
    Path directory;

    @Test
    void thePageAndTheMetricsShowTheWayBackAndTandemFailbackSwitchesBack() throws Exception {
        try (CutoverFixture fixture = new CutoverFixture("waybackpage")) {
            // A generous reverse lag limit: the failback's gate is not what this test is about, and this host is shared.
            Path config = fixture.writeConfig(directory, "failback:\n  enabled: true\n  max-lag: 5s\n");
            try (Daemon daemon = fixture.startDaemon(config)) {
                ReverseReplication reverse = daemon.reverse();
                Await.until("the reverse stream shadows: " + reverse.status(), Duration.ofMinutes(2),
                        () -> reverse.notReadyFor(ReverseMode.SHADOW) == null);
                Await.until("a reverse heartbeat applied", Duration.ofMinutes(1),
                        () -> reverse.status().lagSeconds() != null);
                String metrics = scrape(daemon);
                for (String line : List.of("tandem_reverse_streaming 1", "tandem_reverse_applying 0",
                        "tandem_reverse_rogue_writes_total 0", "tandem_reverse_heartbeat_write_failures_total 0")) {
                    assertTrue(metrics.contains("\n" + line + "\n"), line + " in\n" + metrics);
                }
                assertTrue(metrics.matches("(?s).*\\ntandem_reverse_slot_retained_wal_bytes \\d+\\n.*"), metrics);
                assertTrue(metrics.matches("(?s).*\\ntandem_reverse_lag_seconds [0-9.E-]+\\n.*"), metrics);
                pageShows(daemon, "shadowing", List.of("way back (PostgreSQL to MySQL)", "STREAMING, SHADOW",
                        "only heartbeats are applied", "READY", "retained WAL", "cutover readiness"));

                CutoverFixture.awaitReady(daemon);
                CutoverReport cutover = daemon.cutover().run(Direction.CUTOVER, step -> { });
                assertEquals(CutoverState.COMPLETED, cutover.state(), cutover.reason());
                Await.until("the failback gate passes: " + daemon.cutover().readiness(Direction.FAILBACK),
                        Duration.ofMinutes(1), () -> daemon.cutover().readiness(Direction.FAILBACK).stream()
                                .allMatch(check -> check.ok()));
                assertTrue(scrape(daemon).contains("\ntandem_reverse_applying 1\n"));

                String dryRun = failback(config, daemon, 0, "--dry-run");
                assertTrue(dryRun.contains("ready: every gate check passes"), dryRun);
                String output = failback(config, daemon, 0);
                for (String step : List.of("freeze", "fence", "drain", "verify", "sequences", "stop-replication",
                        "open", "failback complete: write-unavailable window")) {
                    assertTrue(output.contains(step), step + " in\n" + output);
                }
                assertEquals(ReverseMode.SHADOW, reverse.mode());
                assertTrue(scrape(daemon).contains("\ntandem_reverse_applying 0\n"));
                Await.until("reverse heartbeats flow again after the failback: " + reverse.status(),
                        Duration.ofSeconds(30), () -> reverse.status().lagSeconds() < 2);
                pageShows(daemon, "failed-back", List.of("(failback): COMPLETED", "write-unavailable window",
                        "cutover readiness", "the application’s database: MySQL", "STREAMING, SHADOW"));
            } finally {
                fixture.dropSlot();
            }
        }
    }

    /** {@code tandem failback --config FILE --url …}, expecting {@code exit}; what it printed. */
    private static String failback(Path config, Daemon daemon, int exit, String... more) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FailbackCommand command = new FailbackCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> args = new java.util.ArrayList<>(List.of("--config", config.toString(), "--url", url(daemon)));
        args.addAll(List.of(more));
        int code = new CommandLine(command).execute(args.toArray(String[]::new));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(exit, code, output);
        return output;
    }

    private static String scrape(Daemon daemon) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url(daemon) + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    /** Skipped, saying so, where Chromium is not installed: the rest was checked already. */
    private void pageShows(Daemon daemon, String name, List<String> texts) throws Exception {
        if (HeadlessChromium.find().isEmpty()) {
            System.out.println("status page check skipped: " + HeadlessChromium.NOT_INSTALLED);
            return;
        }
        HeadlessChromium chromium = HeadlessChromium.find().get();
        String dom = chromium.renderedDom(url(daemon) + "/", 3000);
        for (String shown : texts) {
            assertTrue(dom.contains(shown), shown + " on the status page (" + name + ")");
        }
        Path screenshot = chromium.screenshot(url(daemon) + "/", directory.resolve(name + ".png"), 3000);
        Path kept = Path.of("target", "status-page-way-back-" + name + ".png");
        Files.copy(screenshot, kept, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("status page screenshot: " + kept.toAbsolutePath());
    }

    private static String url(Daemon daemon) {
        return "http://127.0.0.1:" + daemon.control().address().getPort();
    }
}
