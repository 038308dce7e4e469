package io.tandem.deploy.demo;

import com.sun.net.httpserver.HttpServer;
import io.tandem.connectors.mysql.resync.ResyncStatus;
import io.tandem.cutover.CutoverReport;
import io.tandem.cutover.CutoverState;
import io.tandem.cutover.Direction;
import io.tandem.cutover.GateCheck;
import io.tandem.cutover.verify.VerifyResult;
import io.tandem.demo.servers.EmbeddedMariaDbServer;
import io.tandem.demo.servers.EmbeddedPostgresServer;
import io.tandem.demo.servers.Sakila;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.Secret;
import io.tandem.engine.config.TandemConfig;
import io.tandem.engine.pipeline.PipelineState;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The demo, step by step: servers, Sakila, two writers (the rental shop's traffic, and an application whose every
 * acknowledged write is tracked), replication under writes with the way back armed in shadow mode, a schema change
 * tandem cannot translate (a key added to a table without one, re-copied online), an exact verification pass, then
 * the cutover: the switch-app hook points the application at PostgreSQL and it keeps
 * writing there while the reverse stream carries its writes back to MySQL. Then the failback: the hook points it at
 * MySQL again, forward replication resumes, and the demo proves every acknowledged write is on both databases
 * exactly once.
 */
public final class DemoRun {

    private static final String DATABASE = "sakila";
    private static final String APP_USER = "shop";
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    private final int streamSeconds;
    private final int transactionsPerSecond;
    private final PrintStream out;

    public DemoRun(int streamSeconds, int transactionsPerSecond, PrintStream out) {
        this.streamSeconds = streamSeconds;
        this.transactionsPerSecond = transactionsPerSecond;
        this.out = out;
    }

    /** @return true when the copy verified equal and the cutover lost no acknowledged write */
    public boolean run() throws Exception {
        out.println("starting embedded MariaDB and PostgreSQL (the first run unpacks their binaries)...");
        // Always the embedded servers, started side by side: the demo needs nothing installed, not even Docker.
        CompletableFuture<EmbeddedPostgresServer> targetStart = CompletableFuture.supplyAsync(
                EmbeddedPostgresServer::launch);
        EmbeddedMariaDbServer source;
        try {
            source = EmbeddedMariaDbServer.launch();
        } catch (RuntimeException e) {
            targetStart.thenAccept(EmbeddedPostgresServer::close);
            throw e;
        }
        try (source; EmbeddedPostgresServer target = targetStart.join()) {
            return run(source, target);
        }
    }

    private boolean run(SourceServer source, TargetServer target) throws Exception {
        long loadStarted = System.nanoTime();
        Sakila.load(source, DATABASE);
        out.printf("loaded Sakila into %s:%d in %.1fs%n", source.host(), source.port(), seconds(loadStarted));
        String targetDatabase = target.createDatabase("sakila");
        String appPassword = UUID.randomUUID().toString();
        try (Connection sourceAdmin = source.connect(DATABASE);
             Connection targetAdmin = target.connect(targetDatabase)) {
            AppSimulator.createSchema(sourceAdmin);
            AppAccounts.create(sourceAdmin, DATABASE, targetAdmin, targetDatabase, APP_USER, appPassword);
        }
        AppDatabase onPostgres = new AppDatabase("PostgreSQL", "jdbc:postgresql://" + target.host() + ":"
                + target.port() + "/" + targetDatabase + "?currentSchema=" + DATABASE, APP_USER, appPassword, true);
        AppDatabase onMySql = new AppDatabase("MySQL", "jdbc:mariadb://" + source.host() + ":" + source.port() + "/"
                + DATABASE, APP_USER, appPassword, false);
        AppSimulator shop = new AppSimulator(onMySql, 4, transactionsPerSecond);
        HttpServer switchHook = switchHook(shop, onMySql, onPostgres);

        SakilaWriter rentals = new SakilaWriter(() -> connect(source), transactionsPerSecond);
        Thread rentalsThread = new Thread(rentals, "demo-rentals");
        rentalsThread.start();
        shop.start();
        out.printf("two writers started (rental traffic, and the shop application as '%s', %d transactions/s each);"
                + " starting replication%n", APP_USER, transactionsPerSecond);

        long replicationStarted = System.nanoTime();
        TandemConfig config = ServersConfig.builder("tandem-demo", source, DATABASE, target, targetDatabase)
                .set("cutover.source-app-accounts", List.of("'" + APP_USER + "'@'%'"))
                .set("cutover.target-app-roles", List.of(APP_USER))
                .set("cutover.max-lag", "2s")
                .set("cutover.source-admin.user", source.adminUser())
                .set("cutover.source-admin.password", Secret.of(source.adminPassword()))
                .set("cutover.hooks.switch-app.url", "http://127.0.0.1:" + switchHook.getAddress().getPort()
                        + "/switch-app")
                .build();
        try (Daemon daemon = Daemon.start(config, out::println, 1_000)) {
            out.printf("snapshot done in %.1fs; streaming. Status page: http://%s:%d/%n", seconds(replicationStarted),
                    daemon.control().address().getHostString(), daemon.control().address().getPort());
            waitUntil(() -> false, Duration.ofSeconds(streamSeconds), daemon);
            // The rental traffic writes as root, which read_only does not stop: it ends before the cutover.
            rentals.stop();
            rentalsThread.join();
            if (rentals.failure() != null) {
                out.println("RESULT: the rental writer failed: " + rentals.failure().getMessage());
                return false;
            }
            out.printf("rental traffic stopped after %,d transactions; the shop keeps writing%n",
                    rentals.committedTransactions());
            if (!resynced(daemon, source)) {
                return false;
            }
            if (!verified(daemon) || !readyFor(daemon, Direction.CUTOVER)) {
                return false;
            }
            if (!switched(daemon, Direction.CUTOVER, shop)) {
                return false;
            }
            shop.awaitMore(3L * transactionsPerSecond, 60);
            out.printf("the reverse stream applies the shop's PostgreSQL writes to MySQL (lag %s s)%n",
                    daemon.reverse().lag().lagSeconds());
            if (!readyFor(daemon, Direction.FAILBACK) || !switched(daemon, Direction.FAILBACK, shop)) {
                return false;
            }
            if (!waitUntil(() -> daemon.replication().handle().state() == PipelineState.STREAMING, DEADLINE, daemon)) {
                out.println("RESULT: forward replication did not resume after the failback");
                return false;
            }
            out.println("forward replication resumed from MySQL's position at the failback, without a new snapshot");
            shop.awaitMore(3L * transactionsPerSecond, 60);
            return checkShop(shop, source, target, targetDatabase, daemon);
        } finally {
            shop.close();
            switchHook.stop(0);
        }
    }

    /**
     * The DBA's usual fix for a table without a key, while the shop writes to it: MySQL numbers the existing rows in
     * its own order, which no statement on PostgreSQL can reproduce, so tandem copies the table again, online.
     */
    private boolean resynced(Daemon daemon, SourceServer source) throws SQLException {
        out.println("the DBA gives order_events, a table without a key, an AUTO_INCREMENT primary key while the shop"
                + " writes to it...");
        long started = System.nanoTime();
        try (Connection connection = source.connect(DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE order_events ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY"
                    + " FIRST");
        }
        if (!waitUntil(() -> daemon.replication().resyncStatus().stream().anyMatch(r -> r.phase().equals("swapped"))
                && !daemon.replication().resyncing(), DEADLINE, daemon)) {
            out.println("RESULT: the table was not copied again within " + DEADLINE);
            return false;
        }
        ResyncStatus done = daemon.replication().resyncStatus().get(0);
        out.printf("MySQL numbered the existing rows in its own order, which PostgreSQL cannot reproduce: tandem"
                + " re-copied %s online (%,d rows; %.1fs from the statement to the swap) while the other tables kept"
                + " streaming%n", done.table(), done.rowsCopied(), seconds(started));
        return true;
    }

    /** A verification pass of every table, row by row and column by column, with tandem's own mapping. */
    private boolean verified(Daemon daemon) {
        out.println("verifying every table row by row (tandem verify, online)...");
        daemon.verification().start();
        waitUntil(() -> daemon.verification().lastResult() != null, DEADLINE, daemon);
        VerifyResult result = daemon.verification().lastResult();
        if (result == null) {
            out.println("RESULT: verification did not finish within " + DEADLINE);
            return false;
        }
        out.println("verification: " + result.summary());
        result.differences().forEach(difference -> out.println("  " + difference));
        boolean equal = result.verdict() == VerifyResult.Verdict.EQUAL
                || result.verdict() == VerifyResult.Verdict.UNSETTLED;
        if (!equal) {
            out.println("RESULT: source and target DIFFER");
        }
        return equal;
    }

    private boolean readyFor(Daemon daemon, Direction direction) {
        if (!waitUntil(() -> daemon.cutover().readiness(direction).stream().allMatch(GateCheck.Result::ok), DEADLINE,
                daemon)) {
            out.println("RESULT: the " + direction.label() + " gate did not pass within " + DEADLINE + ":");
            daemon.cutover().readiness(direction).forEach(check -> out.println("  " + check));
            return false;
        }
        daemon.cutover().readiness(direction).forEach(check -> out.printf("  ready: %-22s %s%n", check.name(),
                check.reason()));
        return true;
    }

    /** Runs the switch, printing each step; false (with the reason) unless it completed. */
    private boolean switched(Daemon daemon, Direction direction, AppSimulator shop) throws Exception {
        out.println(direction.label() + ":");
        CutoverReport report = daemon.cutover().run(direction, step -> out.printf("  %-16s %8.1f ms  %s%n",
                step.name(), step.millis(), step.detail()));
        if (report.state() != CutoverState.COMPLETED) {
            out.println("RESULT: the " + direction.label() + " " + report.state() + ": " + report.reason());
            return false;
        }
        out.printf("%s complete: write-unavailable window %.1f ms; the shop now writes to %s%n", direction.label(),
                report.windowMillis(), shop.current());
        return true;
    }

    /**
     * With the shop stopped on MySQL and forward replication caught up (the row counts agree), every acknowledged
     * write must be on both databases exactly once.
     */
    private boolean checkShop(AppSimulator shop, SourceServer source, TargetServer target, String targetDatabase,
                              Daemon daemon) throws Exception {
        shop.close();
        if (!waitUntil(() -> orders(() -> postgres(target, targetDatabase)) == orders(() -> source.connect(DATABASE)),
                DEADLINE, daemon)) {
            out.println("RESULT: PostgreSQL did not catch up with MySQL within " + DEADLINE);
            return false;
        }
        List<String> problems = new ArrayList<>();
        try (Connection mysql = source.connect(DATABASE)) {
            shop.check(mysql).forEach(problem -> problems.add("MySQL: " + problem));
        }
        try (Connection postgres = postgres(target, targetDatabase)) {
            shop.check(postgres).forEach(problem -> problems.add("PostgreSQL: " + problem));
        }
        if (!problems.isEmpty()) {
            out.println("RESULT: acknowledged writes are missing or doubled:");
            problems.forEach(problem -> out.println("  " + problem));
            return false;
        }
        out.printf("RESULT: verified equal before each switch; all %,d transactions the shop saw acknowledged, on"
                + " MySQL, then PostgreSQL, then MySQL again (%,d writes refused during the switches and retried),"
                + " are on both databases exactly once%n", shop.acknowledged(), shop.refused());
        return true;
    }

    private static Connection postgres(TargetServer target, String targetDatabase) throws SQLException {
        Connection connection = target.connect(targetDatabase);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + DATABASE);
        }
        return connection;
    }

    @FunctionalInterface
    private interface Connector {
        Connection open() throws SQLException;
    }

    /** The shop's order count on one database, or -1 when it cannot be read right now. */
    private static long orders(Connector database) {
        try (Connection connection = database.open(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM orders")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * The switch-app hook's endpoint: what repointing a proxy or flipping a feature flag does in production. The
     * hook's facts say which way the switch goes.
     */
    private static HttpServer switchHook(AppSimulator shop, AppDatabase onMySql, AppDatabase onPostgres)
            throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/switch-app", exchange -> {
            String facts = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            shop.switchTo(facts.contains("\"direction\":\"failback\"") ? onMySql : onPostgres);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /**
     * Waits until the condition holds or the time is up, failing fast if replication dies meanwhile.
     *
     * @return whether the condition held
     */
    private static boolean waitUntil(BooleanSupplier condition, Duration deadline, Daemon daemon) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (daemon.terminated().isDone()) {
                daemon.terminated().join();
                throw new IllegalStateException("replication stopped unexpectedly");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        return condition.getAsBoolean();
    }

    private static Connection connect(SourceServer source) {
        try {
            return source.connect(DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect the demo writer: " + e.getMessage(), e);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
