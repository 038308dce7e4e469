package io.tandem.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.engine.metrics.FakeClock;
import io.tandem.engine.metrics.TandemMetrics;
import io.tandem.engine.status.PipelineStatus;
import io.tandem.engine.status.PolicyCount;
import io.tandem.engine.status.TableProgress;
import io.tandem.engine.status.TableState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControlServerTest {

    private static final String TOKEN = "s3cret-token-for-tests";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final TandemMetrics metrics = new TandemMetrics(new FakeClock(Instant.parse("2025-01-01T00:00:00Z")));
    private final AtomicReference<PipelineStatus> status = new AtomicReference<>(sampleStatus());
    private final RecordingControl control = new RecordingControl();
    private ControlServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void statusServesEveryFieldAsJson() throws Exception {
        start(null);

        HttpResponse<String> response = get("/status", null);

        assertEquals(200, response.statusCode());
        assertTrue(contentType(response).startsWith("application/json"));
        JsonNode body = json.readTree(response.body());
        assertEquals("STREAMING", body.get("phase").asText());
        assertEquals("2025-01-01T10:00:00Z", body.get("since").asText());
        assertEquals("mysql-bin.000003:4711", body.get("appliedPosition").asText());
        assertEquals(850.5, body.get("eventsPerSecond").asDouble());
        assertEquals(0.4, body.get("lagSeconds").asDouble());
        assertEquals(123_456, body.get("eventsApplied").asLong());
        assertEquals(2, body.get("deadLettered").asLong());
        assertEquals(1, body.get("ddlSkipped").asLong());
        assertTrue(body.get("lastError").isNull());
        JsonNode table = body.get("tables").get(0);
        assertEquals("sakila.rental", table.get("table").asText());
        assertEquals("COPYING", table.get("state").asText());
        assertEquals(4_500, table.get("rowsDone").asLong());
        assertEquals(10_000, table.get("rowsEstimated").asLong());
        assertEquals(1_000.0, table.get("rowsPerSecond").asDouble());
        assertEquals(5.5, table.get("etaSeconds").asDouble());
    }

    @Test
    void statusIs503UntilThePipelinePublishesOne() throws Exception {
        status.set(null);
        start(null);

        HttpResponse<String> response = get("/status", null);

        assertEquals(503, response.statusCode());
        assertEquals("the pipeline has not published a status yet", json.readTree(response.body()).get("error").asText());
    }

    @Test
    void metricsServesPrometheusText() throws Exception {
        metrics.eventsApplied("sakila.film", "insert", 7);
        metrics.phase("streaming");
        start(null);

        HttpResponse<String> response = get("/metrics", null);

        assertEquals(200, response.statusCode());
        assertTrue(contentType(response).startsWith("text/plain; version=0.0.4"), contentType(response));
        List<String> lines = response.body().lines().toList();
        assertTrue(lines.contains("# TYPE tandem_events_applied_total counter"), response.body());
        assertTrue(lines.contains("tandem_events_applied_total{table=\"sakila.film\",op=\"insert\"} 7"));
        assertTrue(lines.contains("tandem_pipeline_phase{phase=\"streaming\"} 1"));
    }

    @Test
    void rootServesASelfContainedStatusPage() throws Exception {
        start(null);

        HttpResponse<String> response = get("/", null);

        assertEquals(200, response.statusCode());
        assertTrue(contentType(response).startsWith("text/html"));
        assertTrue(response.body().startsWith("<!doctype html>"));
        assertTrue(response.body().contains("fetch('status'"));
        assertTrue(response.body().contains("<tbody id=\"values\">"), "rows changed by value policies are shown");
        assertFalse(response.body().contains("src=\"http"), "no external assets");
        String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'sha256-"), csp);
    }

    @Test
    void withATokenEveryRouteNeedsIt() throws Exception {
        start(TOKEN);

        for (String path : List.of("/", "/status", "/metrics", "/no-such-route")) {
            HttpResponse<String> missing = get(path, null);
            assertEquals(401, missing.statusCode(), path);
            assertEquals("Bearer realm=\"tandem\"", missing.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertEquals("missing or wrong bearer token", json.readTree(missing.body()).get("error").asText());
        }
        assertEquals(401, get("/status", "Bearer wrong").statusCode());
        assertEquals(401, get("/status", "Bearer " + TOKEN + "x").statusCode());
        assertEquals(401, get("/status", "Basic " + TOKEN).statusCode());
        assertEquals(401, post("/pause", "", null).statusCode());
        assertEquals(0, control.pauses.get());

        assertEquals(200, get("/status", "Bearer " + TOKEN).statusCode());
        assertEquals(200, get("/status", "bearer " + TOKEN).statusCode());
        assertEquals(202, post("/pause", "", "Bearer " + TOKEN).statusCode());
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutAToken() throws Exception {
        InetSocketAddress everywhere = new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0);

        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> new ControlServer(everywhere, null));

        assertTrue(refused.getMessage().contains("no control bearer token"), refused.getMessage());
        new ControlServer(everywhere, TOKEN).close(); // allowed with a token; never started here
        assertThrows(IllegalArgumentException.class, () -> new ControlServer(loopback(), " "));
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        start(null);

        HttpResponse<String> unknown = get("/nope", null);
        assertEquals(404, unknown.statusCode());
        assertEquals("no route /nope", json.readTree(unknown.body()).get("error").asText());

        HttpResponse<String> wrongMethod = post("/status", "", null);
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("GET", wrongMethod.headers().firstValue("Allow").orElseThrow());
        assertEquals(405, get("/pause", null).statusCode());
    }

    @Test
    void pauseAndResumeCallThePipeline() throws Exception {
        start(null);

        HttpResponse<String> paused = post("/pause", "", null);
        HttpResponse<String> resumed = post("/resume", "", null);

        assertEquals(202, paused.statusCode());
        assertEquals("pause", json.readTree(paused.body()).get("requested").asText());
        assertEquals(202, resumed.statusCode());
        assertEquals(1, control.pauses.get());
        assertEquals(1, control.resumes.get());
    }

    @Test
    void aRefusalIs409WithItsReason() throws Exception {
        control.refuse = true;
        start(null);

        HttpResponse<String> response = post("/pause", "", null);

        assertEquals(409, response.statusCode());
        assertEquals("cannot pause during SNAPSHOT", json.readTree(response.body()).get("error").asText());
    }

    @Test
    void aProgrammingErrorInAHandlerIs500NotAConflict() throws Exception {
        server = new ControlServer(loopback(), null);
        server.route("POST", "/cutover", request -> {
            throw new IllegalStateException("transition STOPPED -> STREAMING is not allowed");
        });
        server.start();

        HttpResponse<String> response = post("/cutover", "", null);

        assertEquals(500, response.statusCode());
        assertFalse(response.body().contains("STOPPED"));
    }

    @Test
    void unexpectedFailuresHideTheirDetails() throws Exception {
        server = new ControlServer(loopback(), null);
        server.route("POST", "/verify", request -> {
            throw new RuntimeException("jdbc:postgresql://db?password=hunter2 failed");
        });
        server.start();

        HttpResponse<String> response = post("/verify", "", null);

        assertEquals(500, response.statusCode());
        assertFalse(response.body().contains("hunter2"));
        assertFalse(response.body().contains("RuntimeException"));
        assertEquals("internal error; the tandem log has the details", json.readTree(response.body()).get("error").asText());
    }

    @Test
    void otherModulesRegisterTheirOwnRoutesBeforeStart() throws Exception {
        server = new ControlServer(loopback(), null);
        server.route("POST", "/cutover", request -> ControlResponse.json(200, request.bodyAs(CutoverRequest.class)));
        server.start();

        HttpResponse<String> ok = post("/cutover?dryRun=true", "{\"force\":true}", null);
        HttpResponse<String> malformed = post("/cutover", "{force", null);

        assertEquals(200, ok.statusCode());
        assertTrue(json.readTree(ok.body()).get("force").asBoolean());
        assertEquals(400, malformed.statusCode());
        assertThrows(IllegalStateException.class, () -> server.route("POST", "/failback", request -> null));
    }

    @Test
    void requestBodiesAreBounded() throws Exception {
        server = new ControlServer(loopback(), null);
        server.route("POST", "/verify", request -> ControlResponse.json(200, request.body().length));
        server.start();

        String atLimit = "x".repeat(ControlServer.MAX_BODY_BYTES);
        assertEquals(String.valueOf(ControlServer.MAX_BODY_BYTES), post("/verify", atLimit, null).body());
        HttpResponse<String> tooLarge = post("/verify", atLimit + "x", null);
        assertEquals(413, tooLarge.statusCode());
    }

    @Test
    void closeStopsPromptlyAndTheBoundPortIsReported() throws Exception {
        start(null);
        InetSocketAddress bound = server.address();
        assertTrue(bound.getPort() > 0);
        assertEquals(200, get("/status", null).statusCode());

        long started = System.nanoTime();
        server.close();

        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(2)) < 0);
        assertThrows(IOException.class, () -> get("/status", null));
    }

    record CutoverRequest(boolean force) {
    }

    private void start(String token) throws IOException {
        server = new ControlServer(loopback(), token);
        PipelineRoutes.register(server, status::get, metrics.registry(), control);
        server.start();
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return send(request(path, authorization).GET());
    }

    private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        return send(request(path, authorization).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path, String authorization) {
        InetSocketAddress address = server.address();
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                URI.create("http://" + address.getHostString() + ":" + address.getPort() + path))
                .timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private static PipelineStatus sampleStatus() {
        return new PipelineStatus("STREAMING", Instant.parse("2025-01-01T10:00:00Z"),
                List.of(new TableProgress("sakila.rental", TableState.COPYING, 4_500, 10_000, 1_000.0,
                        Duration.ofMillis(5_500))),
                "mysql-bin.000003:4711", 850.5, 0.4, 123_456, 2, 1, null,
                List.of(new PolicyCount("sakila.film", "released", "zero-date", "null", 3)),
                0.3, 0.9, 1L, List.of(), 0.1);
    }

    private static final class RecordingControl implements PipelineControl {
        final AtomicInteger pauses = new AtomicInteger();
        final AtomicInteger resumes = new AtomicInteger();
        volatile boolean refuse;

        @Override
        public void pause() {
            if (refuse) {
                throw new ConflictException("cannot pause during SNAPSHOT");
            }
            pauses.incrementAndGet();
        }

        @Override
        public void resume() {
            resumes.incrementAndGet();
        }
    }
}
