package io.tandem.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tandem.deploy.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tandem resync} against a stand-in daemon that answers with canned replies: what it sends, what it prints
 * while following the copy, and its exit codes. The real daemon's routes are driven by
 * {@code ResyncReplicationTest}.
 */
class ResyncCommandTest {

    private static final String REQUESTED = """
            {"id": 4, "table": {"database": "shop", "table": "orders"}, "phase": "REQUESTED",
             "reason": "requested by an operator", "requestedAt": "2026-01-01T10:00:00Z"}""";

    @TempDir
    Path directory;

    private HttpServer daemon;
    private final AtomicReference<String> posted = new AtomicReference<>();
    private volatile int postStatus = 202;
    private volatile String postReply = REQUESTED;
    /** The successive replies to GET /resync; the last one repeats. */
    private final Deque<String> lists = new ConcurrentLinkedDeque<>();
    private final AtomicInteger gets = new AtomicInteger();

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.stop(0);
        }
    }

    @Test
    void followsTheCopyUntilItIsSwappedInAndExitsZero() throws Exception {
        lists.add(list(status(4, "waiting", 0, null)));
        lists.add(list(status(4, "copying", 1200, "\"2026-01-01T10:00:05Z\"")));
        lists.add(list(status(4, "swapped", 5000, null)));

        Result result = run("shop.orders");

        assertEquals(0, result.exit(), result.out());
        JsonNode request = new ObjectMapper().readTree(posted.get());
        assertEquals("shop", request.path("database").asText());
        assertEquals("orders", request.path("table").asText());
        for (String shown : List.of("resync 4 of shop.orders requested", "waiting ", "copying  1,200 / ~5,000 rows",
                "copy position mysql-bin.000003:4711", "the stream waits for it since 2026-01-01T10:00:05Z",
                "shop.orders swapped in: 5,000 rows copied")) {
            assertTrue(result.out().contains(shown), shown + " in:\n" + result.out());
        }
    }

    @Test
    void aRequestQueuedBehindTheTablesCurrentCopyWaitsForIt() throws Exception {
        lists.add(list(status(3, "copying", 100, null)));
        lists.add(list(status(4, "swapped", 5000, null)));

        Result result = run("shop.orders");

        assertEquals(0, result.exit(), result.out());
        assertTrue(result.out().contains("waiting for the current copy of shop.orders to be swapped in first"),
                result.out());
    }

    @Test
    void aFailedCopyExitsOne() throws Exception {
        lists.add(list(status(4, "failed", 10, null).replace("\"failure\": null",
                "\"failure\": \"Lock wait timeout exceeded\"")));

        Result result = run("shop.orders");

        assertEquals(1, result.exit(), result.out());
        assertTrue(result.out().contains("resync 4 failed: Lock wait timeout exceeded"), result.out());
    }

    @Test
    void aRefusalIsPrintedAndExitsOne() throws Exception {
        postStatus = 409;
        postReply = "{\"error\": \"forward replication is STOPPED; a table can be copied again only while it"
                + " streams\"}";

        Result result = run("shop.orders");

        assertEquals(1, result.exit(), result.out());
        assertTrue(result.out().contains("resync refused: forward replication is STOPPED"), result.out());
    }

    @Test
    void withNoWaitItReturnsOnceRequested() throws Exception {
        Result result = run("shop.orders", "--no-wait");

        assertEquals(0, result.exit(), result.out());
        assertTrue(result.out().contains("resync 4 of shop.orders requested"), result.out());
        assertEquals(0, gets.get());
    }

    @Test
    void aNameWithoutADatabaseOrNoDaemonExitsTwo() throws Exception {
        Result unqualified = run("orders");
        assertEquals(2, unqualified.exit(), unqualified.out());
        assertTrue(unqualified.out().contains("expected <database>.<table>, got 'orders'"), unqualified.out());
        assertNull(posted.get());

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Result unreachable = run("shop.orders", "--url", "http://127.0.0.1:" + closedPort);
        assertEquals(2, unreachable.exit(), unreachable.out());
        assertTrue(unreachable.out().contains("resync: no tandem daemon answers on http://127.0.0.1:" + closedPort),
                unreachable.out());
        assertFalse(unreachable.out().contains("requested"), unreachable.out());
    }

    private static String status(long id, String phase, long rows, String heldSince) {
        return """
                {"id": %d, "table": {"database": "shop", "table": "orders"}, "reason": "requested by an operator",
                 "phase": "%s", "requestedAt": "2026-01-01T10:00:00Z", "copyPosition": %s, "rowsCopied": %d,
                 "estimatedRows": 5000, "streamHeldSince": %s, "failure": null}""".formatted(id, phase,
                "waiting".equals(phase) ? "null" : "\"mysql-bin.000003:4711\"", rows, heldSince);
    }

    private static String list(String... statuses) {
        return "[" + String.join(",", statuses) + "]";
    }

    private record Result(int exit, String out) {
    }

    /** Runs {@code tandem resync --config FILE <args>} against the stand-in daemon unless {@code --url} is given. */
    private Result run(String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("resync", "--config", config().toString(), "--poll-millis", "10"));
        args.addAll(List.of(more));
        if (!args.contains("--url")) {
            args.addAll(List.of("--url", "http://127.0.0.1:" + startDaemon()));
        }
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        int exit = new CommandLine(new Main()).setOut(out).setErr(out).execute(args.toArray(String[]::new));
        return new Result(exit, text.toString());
    }

    private int startDaemon() throws IOException {
        daemon = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        daemon.createContext("/resync", exchange -> {
            int status;
            String reply;
            if ("POST".equals(exchange.getRequestMethod())) {
                posted.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                status = postStatus;
                reply = postReply;
            } else {
                gets.incrementAndGet();
                status = 200;
                reply = lists.size() > 1 ? lists.poll() : lists.peek();
            }
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
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
