package io.tandem.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.tandem.deploy.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tandem failback} and {@code tandem cutover} against a stand-in daemon that answers with canned reports:
 * what each prints and its exit code, for a completed, an aborted, a refused and a dry-run switch, and when no daemon
 * answers. The real daemon is driven by {@code WayBackPageTest} and {@code CutoverTest}.
 */
class SwitchCommandTest {

    private static final String COMPLETED = """
            {"attempt": 7, "direction": "FAILBACK", "state": "COMPLETED", "reason": null, "windowMillis": 412.5,
             "steps": [{"name": "freeze", "millis": 20.5, "detail": "application roles' writes revoked"},
                       {"name": "fence", "millis": 3.0, "detail": "token f-1"},
                       {"name": "open MySQL", "millis": 8.25, "detail": "read_only off"}],
             "readiness": [], "dryRun": false}""";

    @TempDir
    Path directory;

    private HttpServer daemon;
    /** The body each route answers with, and its status. */
    private final Map<String, Object[]> replies = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.stop(0);
        }
    }

    @Test
    void aCompletedFailbackPrintsEachStepTheWindowAndExitsZero() throws Exception {
        reply("POST /failback", 200, COMPLETED);
        reply("GET /failback", 200, COMPLETED);

        Result result = run("failback");

        assertEquals(0, result.exit(), result.out());
        assertTrue(result.out().contains("freeze"), result.out());
        assertTrue(result.out().contains("20.5 ms  application roles' writes revoked"), result.out());
        assertTrue(result.out().contains("open MySQL"), result.out());
        assertTrue(result.out().contains("failback complete: write-unavailable window 412.5 ms"), result.out());
    }

    @Test
    void anAbortedFailbackPrintsTheReasonAndExitsOne() throws Exception {
        String aborted = COMPLETED.replace("\"COMPLETED\", \"reason\": null", "\"ABORTED\", \"reason\": \"the fence"
                + " token did not arrive\"");
        reply("POST /failback", 409, aborted);
        reply("GET /failback", 200, aborted);

        Result result = run("failback");

        assertEquals(1, result.exit(), result.out());
        assertTrue(result.out().contains("failback aborted: the fence token did not arrive"), result.out());
    }

    @Test
    void aRefusalIsPrintedAndExitsOne() throws Exception {
        reply("POST /failback", 409, "{\"error\": \"MySQL is the application's database already\"}");
        reply("GET /failback", 200, "{\"attempt\": null}");

        Result result = run("failback");

        assertEquals(1, result.exit(), result.out());
        assertTrue(result.out().contains("failback refused: MySQL is the application's database already"),
                result.out());
    }

    @Test
    void aDryRunPrintsTheGateAndExitsOneWhenAnyCheckFails() throws Exception {
        reply("POST /failback?dry-run=true", 200, """
                {"direction": "FAILBACK", "reason": "refused: reverse lag 3.2 s", "steps": [],
                 "readiness": [{"name": "way back", "ok": true, "reason": "streaming in APPLY mode"},
                               {"name": "reverse lag", "ok": false, "reason": "3.2 s, above failback.max-lag"}]}""");

        Result result = run("failback", "--dry-run");

        assertEquals(1, result.exit(), result.out());
        assertTrue(result.out().contains("[ ok ] way back"), result.out());
        assertTrue(result.out().contains("[FAIL] reverse lag"), result.out());
        assertTrue(result.out().contains("refused: reverse lag 3.2 s"), result.out());
    }

    @Test
    void cutoverUsesItsOwnRoute() throws Exception {
        String completed = COMPLETED.replace("FAILBACK", "CUTOVER");
        reply("POST /cutover", 200, completed);
        reply("GET /cutover", 200, completed);

        Result result = run("cutover");

        assertEquals(0, result.exit(), result.out());
        assertTrue(result.out().contains("cutover complete: write-unavailable window 412.5 ms"), result.out());
    }

    @Test
    void noDaemonAnsweringExitsTwo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        for (String command : List.of("failback", "cutover")) {
            Result result = run(command, "--url", "http://127.0.0.1:" + closedPort);
            assertEquals(2, result.exit(), result.out());
            assertTrue(result.out().contains(command + ": no tandem daemon answers on http://127.0.0.1:" + closedPort),
                    result.out());
        }
    }

    private record Result(int exit, String out) {
    }

    private void reply(String route, int status, String body) {
        replies.put(route, new Object[] {status, body});
    }

    /** Runs {@code tandem <command> --config FILE} against the stand-in daemon unless {@code --url} is given. */
    private Result run(String command, String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of(command, "--config", config().toString()));
        args.addAll(List.of(more));
        if (!args.contains("--url")) {
            args.addAll(List.of("--url", "http://127.0.0.1:" + startDaemon()));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == FailbackCommand.class) {
                    return type.cast(new FailbackCommand(out));
                }
                if (type == CutoverCommand.class) {
                    return type.cast(new CutoverCommand(out));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        int exit = new CommandLine(new Main(), factory).execute(args.toArray(String[]::new));
        return new Result(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    private int startDaemon() throws IOException {
        daemon = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        daemon.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + (query == null ? "" : "?" + query);
            Object[] reply = replies.getOrDefault(route, new Object[] {404, "{\"error\": \"no route " + route + "\"}"});
            byte[] body = ((String) reply[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders((Integer) reply[0], body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        daemon.start();
        return daemon.getAddress().getPort();
    }

    private Path config() throws IOException {
        return Files.writeString(directory.resolve("tandem.yml"), """
                source:
                  host: mysql.invalid
                  user: tandem
                  databases: [shop]
                target:
                  host: pg.invalid
                  database: shop
                  user: tandem
                """);
    }
}
