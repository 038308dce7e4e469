package io.tandem.cutover.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.engine.config.HookConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an HTTP hook: POSTs the step's facts as JSON, with the token as a bearer credential, and succeeds on a 2xx
 * status. The timeout bounds the whole exchange (connect, send, response), not each part; redirects are not
 * followed, so the token never travels to a host the operator did not name.
 */
final class HttpHook {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpHook() {
    }

    static HookResult run(HookConfig.Http hook, HookFacts facts) throws HookFailedException, InterruptedException {
        HookConfig.Step step = facts.step();
        String url = hook.safeUrl();
        HttpRequest.Builder request = HttpRequest.newBuilder(hook.url())
                .timeout(hook.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(facts)));
        hook.token().ifPresent(token -> request.header("Authorization", "Bearer " + token.reveal()));
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(hook.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<InputStream>> exchange =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            response = exchange.get(hook.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HookFailedException(step, "POST " + url + " timed out after " + HookRunner.format(hook.timeout()),
                    "", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof java.net.http.HttpTimeoutException
                    ? "timed out after " + HookRunner.format(hook.timeout())
                    : "failed: " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
            throw new HookFailedException(step, "POST " + url + " " + why, "", cause);
        }
        OutputTail tail = new OutputTail();
        try (InputStream in = response.body()) {
            tail.drain(in);
        } catch (IOException e) {
            // The status is what decides; a body cut short only shortens the report.
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new HookFailedException(step, "POST " + url + " answered " + status, tail.text(), null);
        }
        return new HookResult(step, url, took, status, tail.text());
    }

    private static String body(HookFacts facts) {
        try {
            return JSON.writeValueAsString(facts.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a map of strings as JSON", e);
        }
    }
}
