package io.tandem.deploy.it.cutover;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.cutover.Direction;
import io.tandem.deploy.demo.AppSimulator;
import io.tandem.deploy.demo.AppAccounts;
import io.tandem.deploy.demo.AppDatabase;
import com.sun.net.httpserver.HttpServer;
import io.tandem.deploy.it.Await;
import io.tandem.deploy.it.SourceFixture;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.TandemConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One migration to cut over: a source database with the application simulator's tables, an application account on
 * each side with only what an application has, a switch-app hook (an HTTP endpoint of the test) that points the
 * simulator at PostgreSQL, and the daemon's config. {@link #close()} makes the shared source server writable again
 * whatever the test left behind: {@code read_only} is global.
 */
public final class CutoverFixture implements AutoCloseable {

    final SourceFixture data;
    final String appUser;
    final String appPassword = "app-" + UUID.randomUUID();
    final AtomicInteger switches = new AtomicInteger();
    private final HttpServer hookServer;
    private volatile AppSimulator simulator;

    CutoverFixture(String prefix) throws Exception {
        data = SourceFixture.withoutSakila(prefix);
        appUser = "app_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection sourceAdmin = data.source.connect(data.database);
             Connection targetAdmin = data.target.connect(data.targetDatabase)) {
            AppSimulator.createSchema(sourceAdmin);
            AppAccounts.create(sourceAdmin, data.database, targetAdmin, data.targetDatabase, appUser, appPassword);
        }
        hookServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hookServer.createContext("/switch-app", exchange -> {
            String facts = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            AppSimulator current = simulator;
            if (current != null) {
                current.switchTo(facts.contains("\"direction\":\"failback\"") ? onMySql() : onPostgres());
            }
            switches.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hookServer.start();
    }

    AppDatabase onMySql() {
        return new AppDatabase("MySQL", "jdbc:mariadb://" + data.source.host() + ":" + data.source.port() + "/"
                + data.database, appUser, appPassword, false);
    }

    AppDatabase onPostgres() {
        return new AppDatabase("PostgreSQL", "jdbc:postgresql://" + data.target.host() + ":" + data.target.port() + "/"
                + data.targetDatabase + "?currentSchema=" + data.database, appUser, appPassword, true);
    }

    AppSimulator simulator(int writers, int transactionsPerSecond) {
        simulator = new AppSimulator(onMySql(), writers, transactionsPerSecond);
        return simulator;
    }

    /** The daemon's config: cutover with this fixture's accounts, the switch hook, and {@code extraYaml}. */
    Path writeConfig(Path directory, String extraYaml) throws Exception {
        return writeConfig(directory, Duration.ofSeconds(5), extraYaml);
    }

    /** @param maxLag {@code cutover.max-lag}: the gate's bound on the p99 of the forward lag over the last minute */
    Path writeConfig(Path directory, Duration maxLag, String extraYaml) throws Exception {
        Path adminPassword = Files.writeString(directory.resolve("source-admin-password"), data.source.adminPassword());
        String cutover = """
                cutover:
                  max-lag: %dms
                  source-app-accounts: ["'%s'@'%%'"]
                  target-app-roles: [%s]
                  source-admin:
                    user: %s
                    password: ${file:%s}
                  hooks:
                    switch-app:
                      url: http://127.0.0.1:%d/switch-app
                      timeout: 2s
                """.formatted(maxLag.toMillis(), appUser, appUser, data.source.adminUser(), adminPassword, hookServer.getAddress().getPort());
        return data.writeConfig(directory, cutover + extraYaml);
    }

    Daemon startDaemon(Path config) throws Exception {
        return Daemon.start(TandemConfig.load(config), line -> { }, 60_000);
    }

    /** Starts a verification pass and waits for it, then until every gate check passes. */
    public static void awaitReady(Daemon daemon) throws Exception {
        Await.until("the tables are streaming", Duration.ofMinutes(1),
                () -> daemon.replication().pipeline() != null && daemon.replication().pipeline().appliedPosition() != null);
        long passes = daemon.verification().status().passes();
        daemon.verification().start();
        Await.until("a verification pass", Duration.ofMinutes(2),
                () -> daemon.verification().status().passes() > passes);
        Await.until("every cutover gate check passes: " + daemon.cutover().readiness(Direction.CUTOVER), Duration.ofMinutes(2),
                () -> daemon.cutover().readiness(Direction.CUTOVER).stream().allMatch(check -> check.ok()));
    }

    boolean sourceReadOnly() throws SQLException {
        try (Connection admin = data.source.connect(data.database); Statement statement = admin.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@global.read_only")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    /**
     * Whether the application could write on MySQL: {@code read_only} off and its account not locked, read in one
     * statement from the catalog (MariaDB keeps the lock in {@code mysql.global_priv}, MySQL in {@code mysql.user}).
     */
    boolean applicationCanWriteOnMySql() throws SQLException {
        try (Connection admin = data.source.connect(data.database)) {
            // MariaDB stores JSON true (JSON_VALUE gives 1; the key is absent until first locked), MySQL 'Y'/'N'.
            String locked = ServerInfo.detect(admin).isMariaDb()
                    ? "SELECT COALESCE(JSON_VALUE(Priv, '$.account_locked') IN ('1', 'true'), 0) FROM mysql.global_priv"
                    + " WHERE User = ? AND Host = '%'"
                    : "SELECT account_locked = 'Y' FROM mysql.user WHERE User = ? AND Host = '%'";
            try (PreparedStatement select = admin.prepareStatement(
                    "SELECT @@global.read_only = 0 AND (" + locked + ") = 0")) {
                select.setString(1, appUser);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getBoolean(1);
                }
            }
        }
    }

    /** Waits until MySQL holds every counter increment PostgreSQL holds now: the reverse stream applied them. */
    void awaitReverseApplied(String when) throws SQLException {
        awaitCounters(this::targetAdmin, this::sourceAdmin, "PostgreSQL's writes applied to MySQL " + when);
    }

    /** Waits until PostgreSQL holds every counter increment MySQL holds now: forward replication applied them. */
    void awaitForwardApplied(String when) throws SQLException {
        awaitCounters(this::sourceAdmin, this::targetAdmin, "MySQL's writes applied to PostgreSQL " + when);
    }

    private interface Login {
        Connection open() throws SQLException;
    }

    private static void awaitCounters(Login from, Login to, String what) throws SQLException {
        long written;
        try (Connection connection = from.open()) {
            written = counterSum(connection);
        }
        Await.until(what, Duration.ofMinutes(2), () -> {
            try (Connection connection = to.open()) {
                return counterSum(connection) >= written;
            }
        });
    }

    /** The sum of the application's counters: it only grows, one per acknowledged transaction. */
    private static long counterSum(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT sum(n) FROM counters")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Whether the application role may insert into the orders table on PostgreSQL. */
    boolean applicationCanWriteOnPostgres() throws SQLException {
        try (Connection admin = data.target.connect(data.targetDatabase);
             PreparedStatement check = admin.prepareStatement("SELECT has_table_privilege(?, ?, 'INSERT')")) {
            check.setString(1, appUser);
            check.setString(2, "\"" + data.database + "\".orders");
            try (ResultSet row = check.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /** Whether a statement containing {@code text} is running on the source now. */
    boolean statementRunning(String text) throws SQLException {
        try (Connection admin = data.source.connect(data.database);
             PreparedStatement select = admin.prepareStatement(
                     "SELECT count(*) FROM information_schema.processlist WHERE info LIKE ? AND id <> CONNECTION_ID()")) {
            select.setString(1, "%" + text + "%");
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1) > 0;
            }
        }
    }

    Connection targetAdmin() throws SQLException {
        Connection connection = data.target.connect(data.targetDatabase);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO \"" + data.database + "\"");
        }
        return connection;
    }

    /** Drops the daemon's reverse slot, if it made one: an abandoned slot holds WAL on the shared server. */
    void dropSlot() throws SQLException {
        try (Connection admin = data.target.connect(data.targetDatabase);
             PreparedStatement drop = admin.prepareStatement("SELECT pg_drop_replication_slot(slot_name)"
                     + " FROM pg_replication_slots WHERE database = current_database() AND NOT active")) {
            drop.executeQuery().close();
        }
    }

    Connection sourceAdmin() throws SQLException {
        return data.source.connect(data.database);
    }

    @Override
    public void close() throws IOException, SQLException {
        hookServer.stop(0);
        try (Connection admin = data.source.connect(data.database); Statement statement = admin.createStatement()) {
            statement.execute("SET GLOBAL read_only = OFF");
            statement.execute("ALTER USER '" + appUser + "'@'%' ACCOUNT UNLOCK");
        }
    }
}
