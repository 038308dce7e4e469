package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests to a running engine's control endpoint, as an operator's tools make them. */
final class ControlHttp {

    private ControlHttp() {
    }

    /** The body of {@code path}; fails the test unless the endpoint answers 200. */
    static String get(InetSocketAddress address, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + address.getHostString() + ":" + address.getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    /** POSTs {@code json} to {@code path}; the reply whatever its status. */
    static HttpResponse<String> post(InetSocketAddress address, String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + address.getHostString() + ":" + address.getPort() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
