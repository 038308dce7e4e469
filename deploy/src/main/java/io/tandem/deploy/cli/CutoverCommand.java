package io.tandem.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.engine.config.TandemConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tandem cutover}: asks the running daemon to switch the application to PostgreSQL and prints each step as
 * the daemon reports it (by polling {@code GET /cutover} while {@code POST /cutover} runs).
 */
@Command(name = "cutover", description = "Switch from MySQL to PostgreSQL: gate, freeze, fence, drain, verify, "
        + "sequences, open. Runs in the daemon started with `tandem run`.")
public final class CutoverCommand implements Callable<Integer> {

    @Mixin
    ConfigFile config;

    @Option(names = "--dry-run", description = "Run the gate and show the plan; change nothing.")
    boolean dryRun;

    @Option(names = "--url", description = "The daemon's control endpoint, when control.listen does not say it "
            + "(e.g. port 0).")
    String url;

    private final PrintStream out;

    public CutoverCommand() {
        this(System.out);
    }

    /** @param out where the steps and the outcome are printed */
    public CutoverCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Optional<TandemConfig> loaded = config.load(new PrintWriter(System.err, true));
        if (loaded.isEmpty()) {
            return ConfigFile.INVALID;
        }
        TandemConfig parsed = loaded.get();
        DaemonClient daemon = DaemonClient.of(parsed.control(), url);
        try {
            return dryRun ? dryRun(daemon) : cutover(daemon);
        } catch (IOException e) {
            out.println("cutover: " + e.getMessage());
            return 1;
        }
    }

    private int dryRun(DaemonClient daemon) throws IOException, InterruptedException {
        DaemonClient.Reply reply = daemon.post("/cutover?dry-run=true", Duration.ofMinutes(1));
        printReadiness(reply.body());
        out.println(reply.body().path("reason").asText());
        return reply.body().path("readiness").findValuesAsText("ok").contains("false") ? 1 : 0;
    }

    private int cutover(DaemonClient daemon) throws Exception {
        CompletableFuture<DaemonClient.Reply> result = CompletableFuture.supplyAsync(() -> {
            try {
                return daemon.post("/cutover", Duration.ofMinutes(10));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        int printed = 0;
        Long attempt = null;
        while (!result.isDone()) {
            JsonNode status = daemon.get("/cutover").body();
            if (attempt == null && !status.path("attempt").isNull() && "FREEZING".equals(status.path("state").asText())) {
                attempt = status.path("attempt").asLong();
            }
            if (attempt != null && attempt == status.path("attempt").asLong()) {
                printed = printSteps(status, printed);
            }
            Thread.sleep(50);
        }
        DaemonClient.Reply reply;
        try {
            reply = result.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof java.io.UncheckedIOException io ? io.getCause() : e;
        }
        JsonNode body = reply.body();
        if (body.has("error")) {
            out.println("cutover refused: " + body.path("error").asText());
            return 1;
        }
        printSteps(body, printed);
        String state = body.path("state").asText();
        if ("COMPLETED".equals(state)) {
            out.printf("cutover complete: write-unavailable window %.1f ms%s%n", body.path("windowMillis").asDouble(),
                    body.path("reason").isNull() ? "" : " — " + body.path("reason").asText());
            return 0;
        }
        out.println("cutover " + state.toLowerCase() + ": " + body.path("reason").asText());
        return 1;
    }

    private int printSteps(JsonNode report, int alreadyPrinted) {
        JsonNode steps = report.path("steps");
        for (int i = alreadyPrinted; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            out.printf("  %-14s %8.1f ms  %s%n", step.path("name").asText(), step.path("millis").asDouble(),
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
