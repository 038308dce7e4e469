package io.tandem.deploy.it;

import io.tandem.connectors.mysql.admin.ControlTables;
import io.tandem.connectors.mysql.admin.SourceFence;
import io.tandem.demo.servers.Sakila;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.deploy.demo.SakilaWriter;
import io.tandem.sink.postgres.state.TargetFence;
import io.tandem.testkit.TestServers;
import io.tandem.testkit.compare.ComparisonReport;
import io.tandem.testkit.compare.RowComparator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A source database for an end-to-end test (Sakila, plus a table without a primary key full of identical rows),
 * an empty target database, the tandem config pointing at both, and the checks every such test ends with.
 */
public final class SourceFixture {

    /** The default {@code source.control-database}, which every fixture config keeps. */
    public static final String CONTROL_DATABASE = "tandem";

    public final SourceServer source = TestServers.source();
    public final TargetServer target;
    public final String database;
    public final String targetDatabase;

    SourceFixture(String prefix) throws SQLException {
        this(prefix, true, TestServers.target());
        onSource("CREATE TABLE event_log (kind VARCHAR(20), amount DECIMAL(10,2), note TEXT)",
                "INSERT INTO event_log (kind, amount, note) SELECT CONCAT('k', n % 10), n % 7, NULL FROM ("
                        + numbers(3) + ") numbers WHERE n < 2000");
    }

    private SourceFixture(String prefix, boolean sakila, TargetServer target) throws SQLException {
        this.target = target;
        database = source.createDatabase(prefix);
        if (sakila) {
            Sakila.load(source, database);
        }
        targetDatabase = target.createDatabase(prefix);
    }

    /** An empty source database (and target database), for tests that create their own few tables. */
    public static SourceFixture withoutSakila(String prefix) throws SQLException {
        return new SourceFixture(prefix, false, TestServers.target());
    }

    /** An empty source database and a target database on {@code target} instead of the shared target server. */
    public static SourceFixture withoutSakila(String prefix, TargetServer target) throws SQLException {
        return new SourceFixture(prefix, false, target);
    }

    public void onSource(String... statements) throws SQLException {
        try (Connection connection = source.connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** {@code SELECT n} for 0 .. 10^digits - 1, portable across MySQL and MariaDB. */
    static String numbers(int digits) {
        String digit = "SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 "
                + "UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9";
        StringBuilder value = new StringBuilder("0");
        StringBuilder from = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            value.append(" + ").append((long) Math.pow(10, i)).append(" * d").append(i).append(".d");
            from.append(i == 0 ? "" : ", ").append("(").append(digit).append(") d").append(i);
        }
        return "SELECT " + value + " AS n FROM " + from;
    }

    /** The YAML a child engine process reads; secrets go through a file, as they would in production. */
    public Path writeConfig(Path directory, String extraYaml) throws Exception {
        Path sourcePassword = Files.writeString(directory.resolve("source-password"), source.enginePassword());
        Path targetPassword = Files.writeString(directory.resolve("target-password"), target.adminPassword());
        String yaml = """
                name: it-%s
                source:
                  host: %s
                  port: %d
                  user: %s
                  password: ${file:%s}
                  databases: [%s]
                target:
                  host: %s
                  port: %d
                  database: %s
                  user: %s
                  password: ${file:%s}
                  ssl-mode: disable
                control:
                  listen: 127.0.0.1:0
                retry:
                  initial-backoff: 200ms
                  max-backoff: 2s
                """.formatted(database.replace('_', '-'), source.host(), source.port(), source.engineUser(),
                sourcePassword, database, target.host(), target.port(), targetDatabase, target.adminUser(),
                targetPassword) + extraYaml;
        if (!extraYaml.contains("failback:")) {
            // Only the tests of the way back arm it: each arming takes one of the shared server's few slots.
            yaml += (yaml.endsWith("\n") ? "" : "\n") + "failback:\n  enabled: false\n";
        }
        return Files.writeString(directory.resolve("tandem.yml"), yaml);
    }

    SakilaWriter startWriter(int transactionsPerSecond) {
        SakilaWriter writer = new SakilaWriter(() -> {
            try {
                return source.connect(database);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, transactionsPerSecond);
        Thread thread = new Thread(writer, "it-writer");
        thread.setDaemon(true);
        thread.start();
        return writer;
    }

    /** Changes to the keyless table: duplicates inserted, one of several identical rows updated or deleted. */
    void churnKeylessTable(int rounds) throws SQLException {
        try (Connection connection = source.connect(database); Statement statement = connection.createStatement()) {
            for (int i = 0; i < rounds; i++) {
                statement.execute("INSERT INTO event_log (kind, amount, note) VALUES ('k" + (i % 10) + "', " + (i % 7) + ", NULL)");
                statement.execute("DELETE FROM event_log WHERE kind = 'k" + ((i + 3) % 10) + "' LIMIT 1");
                statement.execute("UPDATE event_log SET note = 'touched " + i + "' WHERE kind = 'k" + ((i + 5) % 10)
                        + "' AND note IS NULL LIMIT 1");
            }
        }
    }

    public long count(String table) throws SQLException {
        try (Connection connection = target.connect(targetDatabase);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"" + database + "\".\"" + table + "\"")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every row of a query on the target, each value as text ({@code "null"} for NULL). */
    public List<List<String>> targetRows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = target.connect(targetDatabase);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(rs.getString(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    public long targetQueryLong(String sql) throws SQLException {
        try (Connection connection = target.connect(targetDatabase);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }

    /**
     * Writes a fence token on the source and waits until the target holds it: binlog order is commit order, so
     * every transaction committed before it has arrived too. Then compares every table row by row.
     */
    public ComparisonReport awaitFenceAndCompare(Duration deadline) throws Exception {
        // The product's fence over the fixture's own connections, so it also serves an engine in a child process.
        String token = new SourceFence(() -> source.connect(database), new ControlTables(CONTROL_DATABASE),
                Clock.systemUTC()).write();
        new TargetFence(() -> target.connect(targetDatabase), Clock.systemUTC())
                .await(token, Instant.now().plus(deadline));
        return new RowComparator(source, target, targetDatabase).compare(database);
    }
}
