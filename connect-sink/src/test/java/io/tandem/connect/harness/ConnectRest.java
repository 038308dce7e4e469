package io.tandem.connect.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Connect worker's REST API, as an operator uses it: the tests create connectors and read their status
 * through it, whether the worker runs in this JVM or in a child process.
 */
public final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code base}: the worker's advertised URL, such as {@code http://127.0.0.1:8083/}. */
    public ConnectRest(URI base) {
        this.base = base;
    }

    /** Creates or replaces a connector ({@code PUT /connectors/{name}/config}). */
    public void putConnector(String name, Map<String, String> config) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("connectors/" + name + "/config"))
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
                .header("Content-Type", "application/json"));
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException("PUT connector " + name + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** Pauses a connector's tasks ({@code PUT /connectors/{name}/pause}); they keep their assignments. */
    public void pause(String name) throws IOException, InterruptedException {
        changeState(name, "pause");
    }

    /** Resumes a paused connector ({@code PUT /connectors/{name}/resume}). */
    public void resume(String name) throws IOException, InterruptedException {
        changeState(name, "resume");
    }

    private void changeState(String name, String action) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("connectors/" + name + "/" + action))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 202) {
            throw new IllegalStateException(action + " connector " + name + ": " + response.statusCode() + " "
                    + response.body());
        }
    }

    /**
     * Waits until the worker answers {@code GET /connectors} with 200, which a distributed worker does once it
     * has joined its group and read the configuration topic.
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = send(HttpRequest.newBuilder(uri("connectors")).GET());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("worker at " + base + " not ready within " + timeout + ": " + last);
    }

    /**
     * Waits until the connector and {@code tasks} tasks of it run; throws at once on a failed connector or task,
     * and at the deadline otherwise.
     */
    public void awaitRunning(String name, int tasks, Duration timeout) throws IOException, InterruptedException {
        awaitStatus(name, status -> status.running(tasks), "running with " + tasks + " tasks", timeout);
    }

    /** Waits until the connector and all its tasks are in {@code state} (e.g. {@code PAUSED}). */
    public void awaitState(String name, String state, Duration timeout) throws IOException, InterruptedException {
        awaitStatus(name, status -> status.connector().equals(state) && !status.tasks().isEmpty()
                && status.tasks().values().stream().allMatch(state::equals), state, timeout);
    }

    private void awaitStatus(String name, Predicate<Status> reached, String what, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "none";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("connectors/" + name + "/status")).GET());
            if (response.statusCode() == 200) {
                Status status = Status.parse(JSON.readTree(response.body()));
                status.throwIfFailed(name);
                if (reached.test(status)) {
                    return;
                }
                last = status.toString();
            } else {
                last = response.statusCode() + " " + response.body();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("connector " + name + " not " + what + " within " + timeout + "; last status: "
                + last);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return base.resolve(path);
    }

    /** The states in a {@code GET /connectors/{name}/status} answer, with the trace of any that failed. */
    private record Status(String connector, String connectorTrace, Map<Integer, String> tasks,
            Map<Integer, String> taskTraces) {

        static Status parse(JsonNode body) {
            Map<Integer, String> tasks = new HashMap<>();
            Map<Integer, String> traces = new HashMap<>();
            for (JsonNode task : body.path("tasks")) {
                tasks.put(task.path("id").asInt(), task.path("state").asText());
                traces.put(task.path("id").asInt(), task.path("trace").asText(""));
            }
            JsonNode connector = body.path("connector");
            return new Status(connector.path("state").asText(), connector.path("trace").asText(""), tasks, traces);
        }

        boolean running(int expectedTasks) {
            return "RUNNING".equals(connector) && tasks.size() == expectedTasks
                    && tasks.values().stream().allMatch("RUNNING"::equals);
        }

        void throwIfFailed(String name) {
            if ("FAILED".equals(connector)) {
                throw new AssertionError("connector " + name + " failed: " + connectorTrace);
            }
            List<Integer> failed = new ArrayList<>();
            tasks.forEach((id, state) -> {
                if ("FAILED".equals(state)) {
                    failed.add(id);
                }
            });
            if (!failed.isEmpty()) {
                throw new AssertionError("task " + failed.get(0) + " of " + name + " failed: "
                        + taskTraces.get(failed.get(0)));
            }
        }

        @Override
        public String toString() {
            return "connector " + connector + ", tasks " + tasks;
        }
    }
}
