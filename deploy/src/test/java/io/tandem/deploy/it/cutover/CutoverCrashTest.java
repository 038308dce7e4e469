package io.tandem.deploy.it.cutover;

import io.tandem.deploy.demo.AppSimulator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.cutover.CutoverState;
import io.tandem.cutover.Direction;
import io.tandem.deploy.it.Await;
import io.tandem.deploy.it.EngineProcess;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.pipeline.PipelineState;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The daemon killed at each step of a cutover ({@code kill -9} at the failpoint {@code cutover-before-<state>}:
 * the step has acted, its move is not yet persisted), under an application that keeps writing. At no moment are
 * both databases open to the application; the restarted daemon rolls back every attempt short of the commit
 * (MySQL writable, forward replication resumed with no gap) and completes a committed one (its switch-app hook
 * runs); at the end every acknowledged write is on the application's database exactly once.
 */
class CutoverCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    @ParameterizedTest(name = "killed before {0} is recorded")
    @EnumSource(value = CutoverState.class, names = {"FROZEN", "FENCED", "DRAINED", "VERIFIED", "SEQUENCES_SET",
        "REPLICATION_STOPPED", "WAY_BACK_ARMED", "COMMITTED", "COMPLETED"})
    void aRestartFinishesOrRollsBackDeterministically(CutoverState killedBefore) throws Exception {
        try (CutoverFixture fixture = new CutoverFixture("crash" + killedBefore.ordinal())) {
            int port = freePort();
            Path config = fixture.writeConfig(directory, "");
            Files.writeString(config, Files.readString(config).replace("listen: 127.0.0.1:0", "listen: 127.0.0.1:" + port));
            AppSimulator app = fixture.simulator(2, 60);
            String failpoint = "-Dtandem.failpoint=cutover-before-" + killedBefore.name().toLowerCase(Locale.ROOT) + ":1";
            try (EngineProcess engine = EngineProcess.start(config, "engine-" + killedBefore, List.of(failpoint))) {
                app.start();
                awaitReady(port, engine);

                int exit = post(port, "/cutover");
                assertEquals(-1, exit, "the cutover request dies with the daemon");
                assertEquals(137, engine.awaitExit(Duration.ofSeconds(30)), engine.logTail());
            }
            assertFalse(!fixture.sourceReadOnly() && fixture.applicationCanWriteOnPostgres(),
                    "both databases open to the application after a crash before " + killedBefore);

            boolean committed = killedBefore == CutoverState.COMPLETED;
            try (Daemon restarted = fixture.startDaemon(config)) {
                assertEquals(committed ? CutoverState.COMPLETED : CutoverState.ABORTED,
                        restarted.cutover().status().state());
                assertEquals(committed, fixture.sourceReadOnly());
                assertEquals(committed, fixture.applicationCanWriteOnPostgres());
                assertEquals(committed ? PipelineState.STOPPED : PipelineState.STREAMING,
                        restarted.replication().handle().state());
                assertEquals(committed ? "PostgreSQL" : "MySQL", app.current().name(),
                        "the switch-app hook ran exactly when the cutover committed");
                app.awaitMore(50, 60);
                app.close();
                if (committed) {
                    try (Connection postgres = fixture.targetAdmin()) {
                        assertEquals(List.of(), app.check(postgres));
                    }
                } else {
                    try (Connection mysql = fixture.sourceAdmin()) {
                        assertEquals(List.of(), app.check(mysql));
                    }
                    var comparison = fixture.data.awaitFenceAndCompare(Duration.ofMinutes(1));
                    assertTrue(comparison.isEqual(), "forward replication resumed with no gap: " + comparison);
                }
            } finally {
                app.close();
            }
        }
    }

    /** Streaming, one verification pass done, every gate check passing. */
    private static void awaitReady(int port, EngineProcess engine) throws Exception {
        Await.until("the engine streams: " + engine.logTail(), Duration.ofMinutes(2),
                () -> "STREAMING".equals(get(port, "/status").path("phase").asText()));
        Await.until("a verification pass starts", Duration.ofSeconds(30), () -> post(port, "/verify") == 202);
        Await.until("a verification pass completes", Duration.ofMinutes(2),
                () -> get(port, "/verify").path("passes").asLong() > 0);
        Await.until("the gate passes", Duration.ofMinutes(2), () -> {
            JsonNode readiness = get(port, "/cutover").path("readiness");
            boolean ready = readiness.size() > 0;
            for (JsonNode check : readiness) {
                ready &= check.path("ok").asBoolean();
            }
            return ready;
        });
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The status of a POST, or -1 when the daemon went away before answering. */
    private static int post(int port, String path) throws Exception {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(1)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
