package io.tandem.cutover.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tandem.engine.config.HookConfig;
import io.tandem.engine.config.HookConfig.Step;
import io.tandem.engine.config.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real commands through {@code sh} and real HTTP calls to a server on 127.0.0.1. */
class HookRunnerTest {

    private static final HookFacts FACTS = new HookFacts(Step.SWITCH_APP, Map.of("TANDEM_CUTOVER_ATTEMPT", "7",
            "TANDEM_SOURCE_FINAL_POSITION", "mysql-bin.000003:4711", "TANDEM_TARGET_POSITION", "lsn 0/16B3748"));
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final Duration SHORT = Duration.ofMillis(500);

    @TempDir
    Path directory;

    private HttpServer server;
    private ExecutorService handlers;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
        handlers.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aCommandGetsTheFactsInItsEnvironmentAndItsOutputTailIsKept() throws Exception {
        Path envFile = directory.resolve("env.txt");
        HookRunner runner = runner(new HookConfig.Command(
                List.of("sh", "-c", "env > \"$1\"; echo to-stdout; echo to-stderr >&2", "sh", envFile.toString()), TEN_SECONDS));

        HookResult result = runner.run(FACTS).orElseThrow();

        assertEquals(0, result.code());
        assertEquals("sh", result.target());
        assertTrue(result.outputTail().contains("to-stdout") && result.outputTail().contains("to-stderr"), result.outputTail());
        List<String> env = Files.readAllLines(envFile);
        assertTrue(env.contains("TANDEM_CUTOVER_STEP=switch-app"), env.toString());
        assertTrue(env.contains("TANDEM_CUTOVER_ATTEMPT=7"), env.toString());
        assertTrue(env.contains("TANDEM_SOURCE_FINAL_POSITION=mysql-bin.000003:4711"), env.toString());
        assertTrue(env.contains("TANDEM_TARGET_POSITION=lsn 0/16B3748"), env.toString());
    }

    @Test
    void aNonZeroExitFailsTheStepWithItsOutput() {
        HookRunner runner = runner(new HookConfig.Command(List.of("sh", "-c", "echo cannot switch >&2; exit 3"), TEN_SECONDS));

        HookFailedException failed = assertThrows(HookFailedException.class, () -> runner.run(FACTS));

        assertTrue(failed.getMessage().contains("switch-app") && failed.getMessage().contains("exited with 3"), failed.getMessage());
        assertTrue(failed.outputTail().contains("cannot switch"), failed.outputTail());
    }

    @Test
    void aCommandPastItsTimeoutIsKilledWithItsChildren() throws Exception {
        Path marker = directory.resolve("late");
        // The child sleep holds the output pipe: unless it is killed too, reading the output would wait for it.
        HookRunner runner = runner(new HookConfig.Command(
                List.of("sh", "-c", "echo started; sleep 30; touch \"$1\"", "sh", marker.toString()), SHORT));

        long started = System.nanoTime();
        HookFailedException failed = assertThrows(HookFailedException.class, () -> runner.run(FACTS));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(failed.getMessage().contains("timed out after 500ms"), failed.getMessage());
        assertTrue(took.compareTo(SHORT.plusSeconds(3)) < 0, "returned after " + took);
        assertTrue(failed.outputTail().contains("started"), failed.outputTail());
        assertFalse(Files.exists(marker));
    }

    @Test
    void aMissingProgramCannotStart() {
        HookRunner runner = runner(new HookConfig.Command(List.of(directory.resolve("no-such-program").toString()), TEN_SECONDS));

        HookFailedException failed = assertThrows(HookFailedException.class, () -> runner.run(FACTS));

        assertTrue(failed.getMessage().contains("could not start"), failed.getMessage());
    }

    @Test
    void anHttpHookPostsTheFactsWithTheToken() throws Exception {
        AtomicReference<String> body = new AtomicReference<>();
        AtomicReference<String> authorization = new AtomicReference<>();
        server.createContext("/switch", exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            respond(exchange, 200, "switched");
        });
        HookRunner runner = runner(new HookConfig.Http(url("/switch?key=hidden"), Optional.of(Secret.of("t0k3n")), TEN_SECONDS));

        HookResult result = runner.run(FACTS).orElseThrow();

        assertEquals(200, result.code());
        assertEquals("switched", result.outputTail());
        assertFalse(result.target().contains("hidden"), result.target());
        assertEquals("Bearer t0k3n", authorization.get());
        JsonNode json = new ObjectMapper().readTree(body.get());
        assertEquals("switch-app", json.get("step").asText());
        assertEquals("7", json.get("cutoverAttempt").asText());
        assertEquals("mysql-bin.000003:4711", json.get("sourceFinalPosition").asText());
        assertEquals("lsn 0/16B3748", json.get("targetPosition").asText());
    }

    @Test
    void anHttpStatusOutside2xxFailsTheStep() {
        server.createContext("/switch", exchange -> respond(exchange, 503, "maintenance"));
        HookRunner runner = runner(new HookConfig.Http(url("/switch"), Optional.empty(), TEN_SECONDS));

        HookFailedException failed = assertThrows(HookFailedException.class, () -> runner.run(FACTS));

        assertTrue(failed.getMessage().contains("answered 503"), failed.getMessage());
        assertEquals("maintenance", failed.outputTail());
    }

    @Test
    void anHttpHookThatDoesNotAnswerTimesOut() {
        server.createContext("/switch", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "too late");
        });
        HookRunner runner = runner(new HookConfig.Http(url("/switch"), Optional.empty(), SHORT));

        long started = System.nanoTime();
        HookFailedException failed = assertThrows(HookFailedException.class, () -> runner.run(FACTS));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(failed.getMessage().contains("timed out after 500ms"), failed.getMessage());
        assertTrue(took.compareTo(SHORT.plusSeconds(3)) < 0, "returned after " + took);
    }

    @Test
    void factsMustBeTandemVariables() {
        assertThrows(IllegalArgumentException.class, () -> new HookFacts(Step.POST_OPEN, Map.of("PATH", "/tmp")));
        assertEquals("sourceFinalPosition", HookFacts.camelCase("TANDEM_SOURCE_FINAL_POSITION"));
    }

    @Test
    void aStepWithoutAHookDoesNothing() throws Exception {
        assertEquals(Optional.empty(), new HookRunner(Map.of()).run(FACTS));
    }

    private HookRunner runner(HookConfig hook) {
        return new HookRunner(Map.of(Step.SWITCH_APP, hook));
    }

    private URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
