package io.tandem.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.engine.config.TandemConfig;
import io.tandem.engine.model.TableId;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tandem resync}: asks the running daemon to copy one replicated table again from the source, online
 * ({@code POST /resync}), then follows it ({@code GET /resync}) until its copy is swapped in. Exit codes: 0 swapped
 * in (or, with {@code --no-wait}, requested), 1 refused, failed, or the table is gone from the source, 2 no daemon
 * answers, an invalid configuration or table name.
 */
@Command(name = "resync", description = "Copy one replicated table again from the source while the other tables "
        + "keep streaming, and swap the copy in at once (e.g. after fixing rows that were dead-lettered). Runs in the "
        + "daemon started with `tandem run`. Exit 0 swapped in, 1 refused or failed, 2 no daemon answers or an "
        + "invalid configuration.")
public final class ResyncCommand implements Callable<Integer> {

    /** The exit code when nothing could be asked: no daemon answers, or the table name is not database.table. */
    static final int NOT_ASKED = 2;

    /** Progress lines while copying are printed at most this often; a phase change is printed at once. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFile config;

    @Parameters(paramLabel = "DATABASE.TABLE", description = "The table, split at the first dot (MySQL database "
            + "names hold no dot; table names may).")
    String table;

    @Option(names = "--no-wait", description = "Return once the daemon recorded the request; follow it with "
            + "GET /resync or the status page.")
    boolean noWait;

    @Option(names = "--url", description = "The daemon's control endpoint, when control.listen does not say it "
            + "(e.g. port 0).")
    String url;

    /** How often {@code GET /resync} is polled; hidden, for tests. */
    @Option(names = "--poll-millis", hidden = true, defaultValue = "1000")
    long pollMillis;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<TandemConfig> loaded = config.load(err);
        if (loaded.isEmpty()) {
            return ConfigFile.INVALID;
        }
        TableId named;
        try {
            named = TableId.parse(table);
        } catch (IllegalArgumentException e) {
            err.println("resync: " + e.getMessage());
            return NOT_ASKED;
        }
        DaemonClient daemon = DaemonClient.of(loaded.get().control(), url);
        DaemonClient.Reply reply;
        try {
            reply = daemon.post("/resync", Map.of("database", named.database(), "table", named.table()),
                    Duration.ofSeconds(30));
        } catch (IOException e) {
            out.println("resync: " + e.getMessage());
            return NOT_ASKED;
        }
        if (reply.status() != 202) {
            out.println("resync refused: " + reply.body().path("error").asText("HTTP " + reply.status()));
            return 1;
        }
        long id = reply.body().path("id").asLong();
        out.println("resync " + id + " of " + named + " requested");
        if (noWait) {
            out.println("follow it with GET /resync or the status page");
            return 0;
        }
        try {
            return follow(daemon, id, named, out);
        } catch (IOException e) {
            out.println("resync " + id + ": " + e.getMessage() + "; an unfinished resync resumes when the daemon "
                    + "starts again");
            return 1;
        } finally {
            out.flush();
        }
    }

    /** Polls until resync {@code id} is swapped in, dropped or failed; prints each phase and the copy's progress. */
    private int follow(DaemonClient daemon, long id, TableId named, PrintWriter out)
            throws IOException, InterruptedException {
        String printedPhase = null;
        long printedAt = 0;
        while (true) {
            DaemonClient.Reply reply = daemon.get("/resync");
            if (reply.status() != 200) {
                out.println("resync " + id + ": GET /resync answered " + reply.status() + ": "
                        + reply.body().path("error").asText());
                return 1;
            }
            JsonNode resync = find(reply.body(), id);
            if (resync == null) {
                if (!anyUnfinishedOf(reply.body(), named)) {
                    out.println("resync " + id + " is no longer listed (did the daemon restart?); tandem.resync on "
                            + "the target says how it ended");
                    return 1;
                }
                // Queued behind the table's current copy, which may predate the request.
                if (!"queued".equals(printedPhase)) {
                    out.println("  waiting for the current copy of " + named + " to be swapped in first");
                    printedPhase = "queued";
                }
            } else {
                String phase = resync.path("phase").asText();
                switch (phase) {
                    case "swapped":
                        out.printf("%s swapped in: %,d rows copied%n", named, resync.path("rowsCopied").asLong());
                        return 0;
                    case "dropped":
                        out.println(named + " no longer exists on the source; its target table was dropped");
                        return 1;
                    case "failed":
                        out.println("resync " + id + " failed: " + resync.path("failure").asText()
                                + "; replication stopped, and its next start copies the table again");
                        return 1;
                    default:
                        long now = System.nanoTime();
                        if (!phase.equals(printedPhase) || now - printedAt >= PROGRESS_EVERY.toNanos()) {
                            out.println("  " + describe(resync));
                            out.flush();
                            printedPhase = phase;
                            printedAt = now;
                        }
                }
            }
            Thread.sleep(pollMillis);
        }
    }

    private static JsonNode find(JsonNode list, long id) {
        for (JsonNode resync : list) {
            if (resync.path("id").asLong() == id) {
                return resync;
            }
        }
        return null;
    }

    private static boolean anyUnfinishedOf(JsonNode list, TableId named) {
        for (JsonNode resync : list) {
            String phase = resync.path("phase").asText();
            if (named.database().equals(resync.path("table").path("database").asText())
                    && named.table().equals(resync.path("table").path("table").asText())
                    && !phase.equals("swapped") && !phase.equals("dropped")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JsonNode resync) {
        long estimated = resync.path("estimatedRows").asLong();
        String line = String.format("%-8s %,d%s rows", resync.path("phase").asText(),
                resync.path("rowsCopied").asLong(), estimated > 0 ? String.format(" / ~%,d", estimated) : "");
        if (!resync.path("copyPosition").isNull() && resync.has("copyPosition")) {
            line += ", copy position " + resync.path("copyPosition").asText();
        }
        if (!resync.path("streamHeldSince").isNull() && resync.has("streamHeldSince")) {
            line += ", the stream waits for it since " + resync.path("streamHeldSince").asText();
        }
        return line;
    }
}
