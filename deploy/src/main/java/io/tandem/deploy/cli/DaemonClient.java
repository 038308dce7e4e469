package io.tandem.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.engine.config.ControlConfig;
import io.tandem.engine.config.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to a running daemon's control endpoint, as configured (or at an explicit URL). */
final class DaemonClient {

    /** A reply: its status and its JSON body. */
    record Reply(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    DaemonClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
    }

    /** The daemon of {@code control}; a wildcard listen address is reached on loopback. */
    static DaemonClient of(ControlConfig control, String urlOverride) {
        String host = control.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        String url = urlOverride != null ? urlOverride : "http://" + (host.contains(":") && !host.startsWith("[")
                ? "[" + host + "]" : host) + ":" + control.port();
        return new DaemonClient(url, control.token().map(Secret::reveal).orElse(null));
    }

    String baseUrl() {
        return baseUrl;
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().timeout(Duration.ofSeconds(10)).build());
    }

    Reply post(String path, Duration timeout) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).timeout(timeout).build());
    }

    /** POSTs {@code body} as JSON. */
    Reply post(String path, Object body, Duration timeout) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).timeout(timeout).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body);
        } catch (ConnectException e) {
            throw new IOException("no tandem daemon answers on " + baseUrl + "; start it with `tandem run --config "
                    + "FILE` (cutover, failback and resync drive the running daemon)", e);
        }
    }
}
