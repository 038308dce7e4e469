package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.cutover.verify.Difference;
import io.tandem.cutover.verify.Verification;
import io.tandem.cutover.verify.VerificationService;
import io.tandem.cutover.verify.VerifyListener;
import io.tandem.cutover.verify.VerifyResult;
import io.tandem.cutover.verify.VerifyRoutes;
import io.tandem.cutover.verify.VerifySetup;
import io.tandem.deploy.cli.VerifyCommand;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.TandemConfig;
import io.tandem.engine.control.ControlServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Online verification end to end: a table set covering the exactness traps is replicated, then each difference is
 * injected on the target alone and the verifier must report exactly that row and column; value-policy outcomes
 * (a zero date written as NULL) are not differences; a live writer on the source produces none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifyTest {

    private static final String VERIFY = """
            verify:
              chunk-rows: 3
              catch-up-timeout: 30s
              recheck-rounds: 3
            """;

    /** Larger chunks for the live test, whose table grows while it runs: each chunk waits for the target. */
    private static final String VERIFY_LIVE = VERIFY.replace("chunk-rows: 3", "chunk-rows: 200");

    private SourceFixture fixture;
    private Daemon daemon;
    private TandemConfig config;
    private TandemConfig liveConfig;
    private TandemConfig impatientConfig;
    private Path configFile;
    private TandemConfig continuousConfig;

    @BeforeAll
    void replicate(@TempDir Path directory) throws Exception {
        fixture = SourceFixture.withoutSakila("verify");
        fixture.onSource("SET SESSION sql_mode = ''",
                "CREATE TABLE t (id INT PRIMARY KEY, f FLOAT, d DOUBLE, c CHAR(10), dt DATETIME(6),"
                        + " ts TIMESTAMP(6) NULL, j JSON, v VARCHAR(20), n DECIMAL(10,2), zd DATE NULL)",
                "INSERT INTO t VALUES"
                        + " (1, 1.5, 0.1, 'abc', '2024-01-02 03:04:05.000001', '2024-01-02 03:04:05.000001',"
                        + " '{\"x\": 1.0}', NULL, 12.50, '0000-00-00'),"
                        + " (2, -0.25, 1e300, 'x', '1999-12-31 23:59:59', NULL, '[1, 2]', '', 0.00, '2024-02-29'),"
                        + " (3, 3, 3, 'three', '2000-01-01 00:00:00', '2000-01-01 00:00:00', NULL, 'three', 3, NULL),"
                        + " (4, 4, 4, 'four', '2000-01-01 00:00:00', NULL, NULL, 'four', 4, NULL),"
                        + " (5, 5, 5, 'five', '2000-01-01 00:00:00', NULL, NULL, 'five', 5, NULL),"
                        + " (6, 6, 6, 'six', '2000-01-01 00:00:00', NULL, NULL, 'six', 6, NULL),"
                        + " (7, 7, 7, 'seven', '2000-01-01 00:00:00', NULL, NULL, 'seven', 7, NULL)",
                "CREATE TABLE k (code VARCHAR(10) PRIMARY KEY, v INT)",
                "INSERT INTO k VALUES ('a', 1), ('b', 2), ('c', 3), ('d', 4), ('E', 5)",
                "CREATE TABLE bag (a INT, b VARCHAR(10))",
                "INSERT INTO bag VALUES (1, 'x'), (1, 'x'), (2, NULL)",
                "CREATE TABLE pair (a INT, b INT, v INT, PRIMARY KEY (a, b))",
                "INSERT INTO pair VALUES (1, 1, 1), (1, 2, 2), (1, 3, 3), (2, 1, 4), (2, 2, 5), (3, 1, 6), (3, 9, 7)",
                "CREATE TABLE named (a INT, b VARCHAR(5), v INT, PRIMARY KEY (a, b))",
                "INSERT INTO named VALUES (1, 'x', 1), (1, 'Y', 2), (1, 'z', 3), (2, 'x', 4), (2, 'y', 5)",
                "CREATE TABLE hot (id INT PRIMARY KEY, v INT)",
                "INSERT INTO hot VALUES (1, 0), (2, 0), (3, 0)");
        liveConfig = TandemConfig.load(fixture.writeConfig(Files.createDirectory(directory.resolve("live")),
                VERIFY_LIVE));
        impatientConfig = TandemConfig.load(fixture.writeConfig(Files.createDirectory(directory.resolve("impatient")),
                VERIFY.replace("catch-up-timeout: 30s", "catch-up-timeout: 2s")));
        continuousConfig = TandemConfig.load(fixture.writeConfig(Files.createDirectory(directory.resolve("continuous")),
                VERIFY + "  mode: continuous\n  pass-interval: 1h\n"));
        configFile = fixture.writeConfig(directory, VERIFY);
        config = TandemConfig.load(configFile);
        daemon = Daemon.start(config, line -> { }, 60_000);
    }

    @AfterAll
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void anEqualCopyIsEqualAndValuePolicyOutcomesAreNoDifference() throws Exception {
        VerifyResult result = verify();
        assertEquals(VerifyResult.Verdict.EQUAL, result.verdict(), result.summary() + " " + result.differences());
        // The live writer's table may have grown; the others hold what they were created with.
        assertEquals(List.of("bag 3", "k 5", "named 5", "pair 7", "t 7"), result.tables().stream()
                .filter(table -> !table.table().endsWith(".hot"))
                .map(table -> table.table().substring(table.table().indexOf('.') + 1) + " " + table.rows())
                .sorted().toList());
    }

    @Test
    void theCommandPrintsEachDifferenceAndExitsOneThenZeroOnceEqual() throws Exception {
        onTarget("UPDATE %s.t SET n = 12.51 WHERE id = 1");
        StringWriter out = new StringWriter();
        int code;
        try {
            code = new CommandLine(new VerifyCommand()).setOut(new PrintWriter(out)).execute("--config",
                    configFile.toString());
        } finally {
            onTarget("UPDATE %s.t SET n = 12.50 WHERE id = 1");
        }
        assertEquals(1, code, out.toString());
        assertTrue(out.toString().contains(".t id='1' n: source '12.50', target '12.51'"), out.toString());
        assertTrue(out.toString().contains("DIFFERENT: "), out.toString());
        StringWriter again = new StringWriter();
        assertEquals(0, new CommandLine(new VerifyCommand()).setOut(new PrintWriter(again)).execute("--config",
                configFile.toString()), again.toString());
        assertEquals(2, new CommandLine(new VerifyCommand()).setErr(new PrintWriter(new StringWriter()))
                .execute("--config", configFile.resolveSibling("missing.yml").toString()));
    }

    @Test
    void theControlRoutesStartAPassRefuseASecondAndShowTheResult() throws Exception {
        try (ControlServer control = new ControlServer(new InetSocketAddress("127.0.0.1", 0), null);
             VerificationService verification = new VerificationService(VerifySetup.open(continuousConfig),
                     VerifyListener.NONE)) {
            VerifyRoutes.register(control, verification);
            control.start();
            assertEquals(202, post(control.address(), "/verify").statusCode());
            // Continuous mode keeps the series scheduled after its first pass, so a second start is refused.
            HttpResponse<String> second = post(control.address(), "/verify");
            assertEquals(409, second.statusCode(), second.body());
            Await.until("the first pass to finish", Duration.ofMinutes(1), () -> verification.status().passes() > 0);
            JsonNode status = new ObjectMapper().readTree(ControlHttp.get(control.address(), "/verify"));
            assertEquals("waiting", status.get("state").asText(), status.toString());
            assertEquals("EQUAL", status.get("last").get("verdict").asText(), status.toString());
            assertEquals("continuous", status.get("mode").asText(), status.toString());
        }
    }

    private static HttpResponse<String> post(InetSocketAddress address, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
                + address.getHostString() + ":" + address.getPort() + path)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oneUlpOnADoubleAndOnAFloat() throws Exception {
        assertOnly("UPDATE %s.t SET d = 0.10000000000000002 WHERE id = 1", "UPDATE %s.t SET d = 0.1 WHERE id = 1",
                "VALUE t {id=1} d 0.1 -> 0.10000000000000002");
        assertOnly("UPDATE %s.t SET f = 1.5000001 WHERE id = 1", "UPDATE %s.t SET f = 1.5 WHERE id = 1",
                "VALUE t {id=1} f 1.5 -> 1.5000001");
    }

    @Test
    void aTrailingSpaceInACharColumn() throws Exception {
        assertOnly("UPDATE %s.t SET c = 'abc ' WHERE id = 1", "UPDATE %s.t SET c = 'abc' WHERE id = 1",
                "VALUE t {id=1} c abc -> abc ");
    }

    @Test
    void oneMicrosecondOnADatetimeAndATimestamp() throws Exception {
        assertOnly("UPDATE %s.t SET dt = dt + interval '1 microsecond' WHERE id = 1",
                "UPDATE %s.t SET dt = dt - interval '1 microsecond' WHERE id = 1",
                "VALUE t {id=1} dt 2024-01-02 03:04:05.000001 -> 2024-01-02 03:04:05.000002");
        assertOnly("UPDATE %s.t SET ts = ts + interval '1 microsecond' WHERE id = 1",
                "UPDATE %s.t SET ts = ts - interval '1 microsecond' WHERE id = 1",
                "VALUE t {id=1} ts 2024-01-02 03:04:05.000001+00 -> 2024-01-02 03:04:05.000002+00");
    }

    @Test
    void jsonOnePointZeroIsNotOne() throws Exception {
        assertOnly("UPDATE %s.t SET j = '{\"x\": 1}' WHERE id = 1", "UPDATE %s.t SET j = '{\"x\": 1.0}' WHERE id = 1",
                "VALUE t {id=1} j {\"x\": 1.0} -> {\"x\": 1}");
    }

    @Test
    void nullIsNotTheEmptyString() throws Exception {
        assertOnly("UPDATE %s.t SET v = '' WHERE id = 1", "UPDATE %s.t SET v = NULL WHERE id = 1",
                "VALUE t {id=1} v null -> ");
    }

    @Test
    void aMissingAndAnExtraRow() throws Exception {
        assertOnly("DELETE FROM %s.t WHERE id = 5",
                "INSERT INTO %s.t (id, f, d, c, dt, v, n) VALUES (5, 5, 5, 'five', '2000-01-01', 'five', 5)",
                "MISSING_ON_TARGET t {id=5} null null -> null");
        assertOnly("INSERT INTO %s.t (id, f, d, c, dt, v, n) VALUES (1000, 5, 5, 'x', '2000-01-01', 'x', 5)",
                "DELETE FROM %s.t WHERE id = 1000", "EXTRA_ON_TARGET t {id=1000} null null -> null");
    }

    @Test
    void aKeyDifferingOnlyInCaseIsAMissingAndAnExtraRow() throws Exception {
        assertOnly("UPDATE %s.k SET code = 'A' WHERE code = 'a'", "UPDATE %s.k SET code = 'a' WHERE code = 'A'",
                "MISSING_ON_TARGET k {code=a} null null -> null", "EXTRA_ON_TARGET k {code=A} null null -> null");
    }

    @Test
    void compositeKeysInRangeAndInKeyMode() throws Exception {
        assertOnly("DELETE FROM %s.pair WHERE a = 2 AND b = 2", "INSERT INTO %s.pair VALUES (2, 2, 5)",
                "MISSING_ON_TARGET pair {a=2, b=2} null null -> null");
        assertOnly("UPDATE %s.pair SET v = 70 WHERE a = 3 AND b = 9", "UPDATE %s.pair SET v = 7 WHERE a = 3 AND b = 9",
                "VALUE pair {a=3, b=9} v 7 -> 70");
        assertOnly("UPDATE %s.named SET b = 'y' WHERE a = 1 AND b = 'Y'",
                "UPDATE %s.named SET b = 'Y' WHERE a = 1 AND b = 'y'",
                "MISSING_ON_TARGET named {a=1, b=Y} null null -> null", "EXTRA_ON_TARGET named {a=1, b=y} null null -> null");
        assertOnly("UPDATE %s.named SET v = 50 WHERE a = 2 AND b = 'y'",
                "UPDATE %s.named SET v = 5 WHERE a = 2 AND b = 'y'", "VALUE named {a=2, b=y} v 5 -> 50");
    }

    @Test
    void aDuplicatedRowInAKeylessTable() throws Exception {
        assertOnly("INSERT INTO %s.bag VALUES (2, NULL)", "DELETE FROM %s.bag WHERE ctid IN (SELECT ctid FROM"
                + " %1$s.bag WHERE a = 2 LIMIT 1)", "EXTRA_ON_TARGET bag {} null null -> null");
        assertOnly("DELETE FROM %s.bag WHERE ctid IN (SELECT ctid FROM %1$s.bag WHERE a = 1 LIMIT 1)",
                "INSERT INTO %s.bag VALUES (1, 'x')", "MISSING_ON_TARGET bag {} null null -> null");
    }

    @Test
    void aLiveWriterProducesNoDifference() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        Thread writer = new Thread(() -> write(stop, writes), "verify-writer");
        writer.start();
        try {
            Await.until("the writer to start", Duration.ofSeconds(30), () -> writes.get() > 20);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            for (int pass = 0; pass < 3 || System.nanoTime() < until; pass++) {
                VerifyResult result = verify(liveConfig);
                assertTrue(result.verdict() == VerifyResult.Verdict.EQUAL
                        || result.verdict() == VerifyResult.Verdict.UNSETTLED,
                        result.summary() + " " + result.differences());
                assertEquals(0, result.differenceCount(), result.differences().toString());
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(writes.get() > 50, "the writer wrote " + writes.get());
    }

    /** Runs last: it stops replication. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aTargetThatDoesNotAdvanceIsReportedNotAwaitedForever() throws Exception {
        daemon.close();
        daemon = null;
        fixture.onSource("UPDATE t SET v = 'changed' WHERE id = 7");
        VerifyResult result = verify(impatientConfig);
        assertEquals(VerifyResult.Verdict.FAILED, result.verdict(), result.summary());
        assertTrue(result.error().contains("is replication running?"), result.error());
    }

    /** Inserts, hot-row updates and deletes on the source, about 200 a second, until stopped. */
    private void write(AtomicBoolean stop, AtomicLong writes) {
        try (Connection connection = fixture.source.connect(fixture.database);
             Statement statement = connection.createStatement()) {
            int next = 100;
            while (!stop.get()) {
                int hot = 1 + ThreadLocalRandom.current().nextInt(3);
                statement.execute("UPDATE hot SET v = v + 1 WHERE id = " + hot);
                statement.execute("INSERT INTO hot VALUES (" + next + ", " + next + ")");
                if (next % 3 == 0) {
                    statement.execute("DELETE FROM hot WHERE id = " + (next - 2));
                }
                next++;
                writes.incrementAndGet();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private VerifyResult verify() throws Exception {
        return verify(config);
    }

    private VerifyResult verify(TandemConfig with) throws Exception {
        try (VerifySetup setup = VerifySetup.open(with)) {
            return new Verification(setup, VerifyListener.NONE).run();
        }
    }

    /** Applies {@code inject} on the target, expects exactly {@code expected}, then applies {@code revert}. */
    private void assertOnly(String inject, String revert, String... expected) throws Exception {
        onTarget(inject);
        try {
            VerifyResult result = verify();
            assertEquals(VerifyResult.Verdict.DIFFERENT, result.verdict(), result.summary());
            assertEquals(List.of(expected), result.differences().stream().map(this::brief).toList(),
                    result.differences().toString());
        } finally {
            onTarget(revert);
        }
    }

    private String brief(Difference d) {
        String table = d.table().substring(d.table().indexOf('.') + 1);
        return d.kind() + " " + table + " " + d.key() + " " + d.column() + " " + d.sourceValue() + " -> "
                + d.targetValue();
    }

    private void onTarget(String sql) throws SQLException {
        try (Connection connection = fixture.target.connect(fixture.targetDatabase);
             Statement statement = connection.createStatement()) {
            statement.execute(sql.formatted("\"" + fixture.database + "\""));
        }
    }
}
