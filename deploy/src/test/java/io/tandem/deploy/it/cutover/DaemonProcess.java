package io.tandem.deploy.it.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.deploy.it.Await;
import io.tandem.deploy.it.EngineProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The daemon of one {@link CutoverFixture} run as {@code tandem run} in child JVMs ({@link EngineProcess}), one after
 * the other on the same config and control port, and driven over the control endpoint as an operator would: so a
 * test can kill it in the middle of a switch and start it again.
 */
final class DaemonProcess {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Path config;
    private final int port;

    private DaemonProcess(Path config, int port) {
        this.config = config;
        this.port = port;
    }

    /** The fixture's config with {@code extraYaml}, listening on a port fixed for every process started from it. */
    static DaemonProcess configure(CutoverFixture fixture, Path directory, String extraYaml) throws Exception {
        return configure(fixture, directory, Duration.ofSeconds(5), extraYaml);
    }

    /** @param maxLag {@code cutover.max-lag} */
    static DaemonProcess configure(CutoverFixture fixture, Path directory, Duration maxLag, String extraYaml)
            throws Exception {
        int port = freePort();
        Path config = fixture.writeConfig(directory, maxLag, extraYaml);
        Files.writeString(config, Files.readString(config).replace("listen: 127.0.0.1:0", "listen: 127.0.0.1:" + port));
        return new DaemonProcess(config, port);
    }

    EngineProcess start(String name, List<String> jvmOptions) throws IOException {
        return EngineProcess.start(config, name, jvmOptions);
    }

    /** Forward replication streaming, one verification pass done, every cutover gate check passing. */
    void awaitCutoverReady(EngineProcess engine) throws Exception {
        awaitForwardStreaming(engine);
        long passes = get("/verify").path("passes").asLong();
        Await.until("a verification pass starts", Duration.ofSeconds(30), () -> post("/verify") == 202);
        Await.until("a verification pass completes", Duration.ofMinutes(2),
                () -> get("/verify").path("passes").asLong() > passes);
        awaitGate(engine);
    }

    void awaitForwardStreaming(EngineProcess engine) {
        Await.until("the engine streams: " + engine.logTail(), Duration.ofMinutes(2),
                () -> "STREAMING".equals(get("/status").path("phase").asText()));
    }

    /** Every check of the next switch's gate (a cutover's or a failback's) passes. */
    void awaitGate(EngineProcess engine) {
        Await.until("the gate passes", Duration.ofMinutes(2), () -> {
            if (!engine.isAlive()) {
                throw new AssertionError("the engine exited:\n" + engine.logTail());
            }
            JsonNode readiness = get("/cutover").path("readiness");
            boolean ready = readiness.size() > 0;
            for (JsonNode check : readiness) {
                ready &= check.path("ok").asBoolean();
            }
            return ready;
        });
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The status of a POST, or -1 when the daemon went away before answering. */
    int post(String path) throws Exception {
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
