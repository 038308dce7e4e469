package io.tandem.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.cutover.Direction;
import io.tandem.engine.config.TandemConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tandem cutover} and {@code tandem failback}, one switch each way: asks the running daemon to run it
 * ({@code POST /cutover} or {@code POST /failback}) and prints each step as the daemon reports it, by polling the
 * matching {@code GET} while the {@code POST} runs. Exit codes: 0 completed (or, with {@code --dry-run}, every gate
 * check passes), 1 refused or aborted, 2 no daemon answers or the configuration is invalid.
 */
abstract class SwitchCommand implements Callable<Integer> {

    /** The exit code when the daemon cannot be reached: nothing was asked, so nothing can have changed. */
    static final int UNREACHABLE = 2;

    @Mixin
    ConfigFile config;

    @Option(names = "--dry-run", description = "Run the gate and show the plan; change nothing.")
    boolean dryRun;

    @Option(names = "--url", description = "The daemon's control endpoint, when control.listen does not say it "
            + "(e.g. port 0).")
    String url;

    private final Direction direction;
    private final PrintStream out;

    SwitchCommand(Direction direction, PrintStream out) {
        this.direction = direction;
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Optional<TandemConfig> loaded = config.load(new PrintWriter(System.err, true));
        if (loaded.isEmpty()) {
            return ConfigFile.INVALID;
        }
        DaemonClient daemon = DaemonClient.of(loaded.get().control(), url);
        try {
            return dryRun ? dryRun(daemon) : run(daemon);
        } catch (IOException e) {
            out.println(direction.label() + ": " + e.getMessage());
            return UNREACHABLE;
        }
    }

    private String path() {
        return "/" + direction.label();
    }

    private int dryRun(DaemonClient daemon) throws IOException, InterruptedException {
        JsonNode body = daemon.post(path() + "?dry-run=true", Duration.ofMinutes(1)).body();
        if (body.has("error")) {
            out.println(direction.label() + " refused: " + body.path("error").asText());
            return 1;
        }
        printReadiness(body);
        out.println(body.path("reason").asText());
        return body.path("readiness").findValuesAsText("ok").contains("false") ? 1 : 0;
    }

    private int run(DaemonClient daemon) throws Exception {
        CompletableFuture<DaemonClient.Reply> result = CompletableFuture.supplyAsync(() -> {
            try {
                return daemon.post(path(), Duration.ofMinutes(10));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        int printed = 0;
        Long attempt = null;
        while (!result.isDone()) {
            JsonNode status = daemon.get(path()).body();
            // The attempt this command started is the one that appears FREEZING in this direction while it runs.
            if (attempt == null && !status.path("attempt").isNull() && "FREEZING".equals(status.path("state").asText())
                    && direction.label().equalsIgnoreCase(status.path("direction").asText())) {
                attempt = status.path("attempt").asLong();
            }
            if (attempt != null && attempt == status.path("attempt").asLong()) {
                printed = printSteps(status, printed);
            }
            Thread.sleep(50);
        }
        JsonNode body;
        try {
            body = result.join().body();
        } catch (CompletionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : e;
        }
        if (body.has("error")) {
            out.println(direction.label() + " refused: " + body.path("error").asText());
            return 1;
        }
        printSteps(body, printed);
        String state = body.path("state").asText();
        if ("COMPLETED".equals(state)) {
            out.printf("%s complete: write-unavailable window %.1f ms%s%n", direction.label(),
                    body.path("windowMillis").asDouble(),
                    body.path("reason").isNull() ? "" : " — " + body.path("reason").asText());
            return 0;
        }
        out.println(direction.label() + " " + state.toLowerCase(Locale.ROOT) + ": " + body.path("reason").asText());
        return 1;
    }

    private int printSteps(JsonNode report, int alreadyPrinted) {
        JsonNode steps = report.path("steps");
        for (int i = alreadyPrinted; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            out.printf("  %-16s %8.1f ms  %s%n", step.path("name").asText(), step.path("millis").asDouble(),
                    step.path("detail").asText(""));
        }
        return Math.max(alreadyPrinted, steps.size());
    }

    private void printReadiness(JsonNode report) {
        for (JsonNode check : report.path("readiness")) {
            out.printf("  [%s] %-22s %s%n", check.path("ok").asBoolean() ? " ok " : "FAIL", check.path("name").asText(),
                    check.path("reason").asText());
        }
    }
}
