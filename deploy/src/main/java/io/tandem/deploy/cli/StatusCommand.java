package io.tandem.deploy.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the status JSON of a running daemon. */
@Command(name = "status", description = "Print the status of a running tandem daemon (GET /status).")
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Control endpoint (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--token-env", defaultValue = "TANDEM_CONTROL_TOKEN",
            description = "Environment variable holding the bearer token, if the daemon requires one (default: ${DEFAULT-VALUE}).")
    String tokenEnvironmentVariable;

    @Override
    public Integer call() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/status"))
                .timeout(Duration.ofSeconds(10));
        String token = System.getenv(tokenEnvironmentVariable);
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(response.body());
        return response.statusCode() == 200 ? 0 : 1;
    }
}
