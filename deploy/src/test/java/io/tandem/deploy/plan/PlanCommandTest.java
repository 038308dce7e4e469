package io.tandem.deploy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.demo.servers.Sakila;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.deploy.Main;
import io.tandem.testkit.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tandem plan} on Sakila, end to end through the command line, against the real test source. */
class PlanCommandTest {

    private static final String PASSWORD = "plan-cli-secret";

    private static SourceServer source;
    private static String db;
    private static String user;

    /** What one command run printed, and its exit code. */
    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        source = TestServers.source();
        db = source.createDatabase("plan_cli");
        Sakila.load(source, db);
        user = "plancli_" + Integer.toHexString(db.hashCode());
        // The engine's grants (the control database's included) plus TRIGGER, without which the server hides the
        // triggers.
        createUser(user, "SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT" + monitor());
        execute("GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON `tandem`.* TO '" + user + "'@'%'",
                "GRANT TRIGGER ON `" + db + "`.* TO '" + user + "'@'%'");
    }

    @AfterAll
    static void tearDown() throws Exception {
        execute("DROP USER IF EXISTS '" + user + "'@'%'");
        source.dropDatabase(db);
    }

    @Test
    void sakilaPlanListsTablesObjectsAndKeysAndExitsZero(@TempDir Path directory) throws Exception {
        Run run = plan(config(directory, user), "plan");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        String out = run.out();
        for (String table : Sakila.ROW_COUNTS.keySet()) {
            assertTrue(out.contains("  " + db + "." + table + "  ~"), "table " + table + " missing:\n" + out);
        }
        for (String name : List.of("actor_info", "customer_list", "film_list", "nicer_but_slower_film_list",
                "sales_by_film_category", "sales_by_store", "staff_list", "customer_create_date", "ins_film",
                "upd_film", "del_film", "payment_date", "rental_date", "film_in_stock", "film_not_in_stock",
                "get_customer_balance", "inventory_held_by_customer", "inventory_in_stock", "rewards_report")) {
            assertTrue(out.contains(db + "." + name), name + " missing:\n" + out);
        }
        assertTrue(out.contains("fk_rental_customer"), out);
        assertTrue(out.contains("ON UPDATE CASCADE"), out);
        assertTrue(out.contains("FULLTEXT index idx_title_description is not created"), out);
        assertTrue(out.contains("nothing blocks replication"), out);
        assertTrue(out.contains("Names not kept verbatim (0)"), "Sakila is all lower case:\n" + out);
    }

    @Test
    void namesNotKeptVerbatimAreListedAndTheDdlUsesThem(@TempDir Path directory) throws Exception {
        String namesDb = source.createDatabase("plan_names");
        String longColumn = "Long_Column_" + "c".repeat(52);
        try {
            try (Connection connection = source.connect(namesDb); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE `Order` (`ID` INT PRIMARY KEY, `select` INT, `" + longColumn + "` INT,"
                        + " KEY `IX_Select` (`select`))");
            }
            Path config = Files.writeString(directory.resolve("tandem.yml"), Files.readString(config(directory, user))
                    .replace("databases: [" + db + "]", "databases: [" + namesDb + "]"));
            Run text = plan(config, "plan");
            assertEquals(0, text.exitCode(), text.out() + text.err());
            String out = text.out().replaceAll(" +", " "); // columns are padded to align
            assertTrue(out.contains("Names not kept verbatim (4)"), out);
            assertTrue(out.contains(" table " + namesDb + ".Order -> \"order\"\n"), out);
            assertTrue(out.contains(" column " + namesDb + ".Order.ID -> \"id\"\n"), out);
            assertTrue(out.contains(" index " + namesDb + ".Order index IX_Select -> \"order_ix_select\"\n"), out);
            assertTrue(out.contains(" column " + namesDb + ".Order." + longColumn + " -> \"long_column_"), out);

            Run json = plan(config, "plan", "--json");
            JsonNode names = new ObjectMapper().readTree(json.out()).get("names");
            assertEquals(4, names.size(), names.toString());
            JsonNode table = names.get(0);
            assertEquals(List.of("table", namesDb, "Order", "Order", namesDb, "order", "order"),
                    List.of(table.get("kind").asText(), table.get("sourceDatabase").asText(),
                            table.get("sourceTable").asText(), table.get("sourceName").asText(),
                            table.get("targetSchema").asText(), table.get("targetTable").asText(),
                            table.get("targetName").asText()));

            Run ddl = plan(config, "plan", "--ddl");
            TargetServer target = TestServers.target();
            String pg = target.createDatabase("plan_names_ddl");
            try (Connection connection = target.connect(pg); Statement statement = connection.createStatement()) {
                statement.execute(ddl.out());
                var rs = statement.executeQuery("SELECT string_agg(column_name, ',' ORDER BY ordinal_position)"
                        + " FROM information_schema.columns WHERE table_schema = '" + namesDb + "'"
                        + " AND table_name = 'order'");
                rs.next();
                assertTrue(rs.getString(1).startsWith("id,select,long_column_"), rs.getString(1));
            } finally {
                target.dropDatabase(pg);
            }
        } finally {
            source.dropDatabase(namesDb);
        }
    }

    @Test
    void jsonHasTheDocumentedFields(@TempDir Path directory) throws Exception {
        Run run = plan(config(directory, user), "plan", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        for (String field : List.of("formatVersion", "blocked", "server", "checks", "retention", "estimate", "tables",
                "unreplicated", "foreignKeys", "scanned", "findings")) {
            assertTrue(root.has(field), "no " + field + " in " + root.fieldNames());
        }
        assertFalse(root.get("blocked").asBoolean());
        assertEquals(16, root.get("tables").size());
        JsonNode table = root.get("tables").get(0);
        for (String field : List.of("database", "table", "engine", "estimatedRows", "dataBytes", "primaryKey",
                "columns", "notes", "error")) {
            assertTrue(table.has(field), "no tables[]." + field + " in " + table);
        }
        assertFalse(table.has("target"));
        JsonNode column = table.get("columns").get(0);
        for (String field : List.of("name", "sourceType", "targetType", "nullable")) {
            assertTrue(column.has(field), "no columns[]." + field + " in " + column);
        }
        JsonNode key = root.get("foreignKeys").get(0);
        for (String field : List.of("table", "name", "columns", "referencedTable", "referencedColumns", "onUpdate",
                "onDelete")) {
            assertTrue(key.has(field), "no foreignKeys[]." + field + " in " + key);
        }
        assertTrue(root.get("estimate").has("seconds"));
        assertTrue(root.get("estimate").has("retentionCovers"));
    }

    @Test
    void ddlExecutesOnAFreshPostgresDatabase(@TempDir Path directory) throws Exception {
        Run run = plan(config(directory, user), "plan", "--ddl");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("CREATE SCHEMA IF NOT EXISTS"), run.out());
        TargetServer target = TestServers.target();
        String pg = target.createDatabase("plan_ddl");
        try (Connection connection = target.connect(pg); Statement statement = connection.createStatement()) {
            statement.execute(run.out());
            var rs = statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                    + db + "'");
            rs.next();
            assertEquals(16, rs.getInt(1));
        } finally {
            target.dropDatabase(pg);
        }
    }

    @Test
    void aMisconfiguredServerIsReportedAndExitsOne(@TempDir Path directory) throws Exception {
        String weak = "planweak_" + Integer.toHexString(db.hashCode());
        createUser(weak, "SELECT, REPLICATION CLIENT" + monitor());
        execute("SET GLOBAL binlog_format = 'STATEMENT'");
        Run run;
        try {
            run = plan(config(directory, weak), "plan");
        } finally {
            execute("SET GLOBAL binlog_format = 'ROW'");
            execute("DROP USER IF EXISTS '" + weak + "'@'%'");
        }
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("FAIL  binlog_format"), run.out());
        assertTrue(run.out().contains("binlog_format is STATEMENT; tandem needs ROW"), run.out());
        assertTrue(run.out().contains("FAIL  privilege REPLICATION SLAVE"), run.out());
        assertTrue(run.out().contains("BLOCKED"), run.out());
    }

    @Test
    void scanReportsEachFindingWithItsCountAndWhatThePolicyDoes(@TempDir Path directory) throws Exception {
        String scanDb = source.createDatabase("plan_scan_cli");
        try {
            try (Connection connection = source.connect(scanDb); Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION sql_mode = ''");
                statement.execute("CREATE TABLE odd (id INT PRIMARY KEY, d DATE, note TEXT, flag TINYINT(1))");
                statement.execute("INSERT INTO odd VALUES (1, '0000-00-00', CONCAT('x', CHAR(0)), 5),"
                        + " (2, '2024-01-01', 'y', 1)");
            }
            Path config = Files.writeString(directory.resolve("tandem.yml"), Files.readString(config(directory, user))
                    .replace("databases: [" + db + "]", "databases: [" + scanDb + "]"));
            Run run = plan(config, "plan", "--scan");
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertTrue(run.out().contains("info " + scanDb + ".odd.d  zero date: 1 rows; PostgreSQL has no zero or"
                    + " partial-zero dates: zero dates -> NULL (values.zero-dates: null); while streaming"), run.out());
            assertTrue(run.out().contains("info " + scanDb + ".odd.note  nul character: 1 rows"), run.out());
            assertTrue(run.out().contains("info " + scanDb + ".odd.flag  tinyint1 not boolean: 1 rows"), run.out());
            assertTrue(run.out().matches("(?s).*\\n +d +date +-> date +zero dates -> NULL \\(values.zero-dates: null\\)\\n.*"),
                    run.out());

            Run json = plan(config, "plan", "--json");
            assertTrue(json.out().contains("\"valuePolicy\" : \"zero dates -> NULL (values.zero-dates: null)\""),
                    json.out());

            Files.writeString(config, Files.readString(config) + "\nvalues:\n  zero-dates: fail\n  nul-characters: fail\n");
            Run failing = plan(config, "plan", "--scan");
            assertEquals(1, failing.exitCode(), failing.out() + failing.err());
            assertTrue(failing.out().contains("FAIL " + scanDb + ".odd.d  zero date: 1 rows"), failing.out());
            assertTrue(failing.out().contains("FAIL " + scanDb + ".odd.note  nul character: 1 rows"), failing.out());
        } finally {
            source.dropDatabase(scanDb);
        }
    }

    @Test
    void overridesShowInTextJsonAndDdlAndUnmatchedOnesBlock(@TempDir Path directory) throws Exception {
        String overrides = "columns:\n"
                + "  \"" + db + ".customer.active\": { type: boolean }\n"
                + "  \"" + db + ".payment.amount\": { type: \"numeric(8,2)\", using: \"round(value::numeric, 2)\" }\n";
        Path config = Files.writeString(directory.resolve("tandem.yml"),
                Files.readString(config(directory, user)) + overrides);

        Run text = plan(config, "plan");
        assertEquals(0, text.exitCode(), text.out() + text.err());
        assertTrue(text.out().contains("-> boolean not null  (override from config)"), text.out());
        assertTrue(text.out().contains("-> numeric(8,2) not null  (override from config, using round(value::numeric, 2))"),
                text.out());
        assertTrue(text.out().contains("column active is boolean by override from config (mapped type smallint)"),
                text.out());

        JsonNode json = new ObjectMapper().readTree(plan(config, "plan", "--json").out());
        JsonNode active = jsonColumn(json, "customer", "active");
        assertEquals("boolean", active.get("targetType").asText());
        assertEquals("boolean", active.get("override").get("type").asText());
        assertTrue(active.get("override").get("using").isNull());
        assertEquals("round(value::numeric, 2)", jsonColumn(json, "payment", "amount").get("override").get("using").asText());
        assertTrue(jsonColumn(json, "customer", "first_name").get("override").isNull());

        Run ddl = plan(config, "plan", "--ddl");
        assertTrue(ddl.out().contains("\"active\" boolean NOT NULL"), ddl.out());
        assertTrue(ddl.out().contains("\"amount\" numeric(8,2) NOT NULL"), ddl.out());

        Files.writeString(config, Files.readString(config) + "  \"" + db + ".customer.activ\": { type: boolean }\n");
        Run unmatched = plan(config, "plan");
        assertEquals(1, unmatched.exitCode(), unmatched.out() + unmatched.err());
        assertTrue(unmatched.out().contains("column override"), unmatched.out());
        assertTrue(unmatched.out().contains("columns.\"" + db + ".customer.activ\": table " + db
                + ".customer has no column activ"), unmatched.out());
    }

    private static JsonNode jsonColumn(JsonNode plan, String table, String column) {
        for (JsonNode t : plan.get("tables")) {
            if (t.get("table").asText().equals(table)) {
                for (JsonNode c : t.get("columns")) {
                    if (c.get("name").asText().equals(column)) {
                        return c;
                    }
                }
            }
        }
        throw new AssertionError("no column " + table + "." + column + " in the plan");
    }

    @Test
    void scanBlocksOnTinyintValuesAnOverrideToBooleanWouldRefuse(@TempDir Path directory) throws Exception {
        String scanDb = source.createDatabase("plan_scan_override");
        try {
            try (Connection connection = source.connect(scanDb); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE flags (id INT PRIMARY KEY, flag TINYINT(1))");
                statement.execute("INSERT INTO flags VALUES (1, 5), (2, 1)");
            }
            String base = Files.readString(config(directory, user)).replace("databases: [" + db + "]",
                    "databases: [" + scanDb + "]");
            Path config = Files.writeString(directory.resolve("tandem.yml"), base);
            Run exact = plan(config, "plan", "--scan");
            assertEquals(0, exact.exitCode(), exact.out() + exact.err());
            assertTrue(exact.out().contains("info " + scanDb + ".flags.flag  tinyint1 not boolean: 1 rows"), exact.out());

            Files.writeString(config, base + "columns:\n  \"" + scanDb + ".flags.flag\": { type: boolean }\n");
            Run overridden = plan(config, "plan", "--scan");
            assertEquals(1, overridden.exitCode(), overridden.out() + overridden.err());
            assertTrue(overridden.out().contains("FAIL " + scanDb + ".flags.flag  tinyint1 not boolean: 1 rows"),
                    overridden.out());
            assertTrue(overridden.out().contains("the override to boolean (columns:) refuses these rows"),
                    overridden.out());
        } finally {
            source.dropDatabase(scanDb);
        }
    }

    @Test
    void aBadConfigExitsTwo(@TempDir Path directory) throws Exception {
        Path config = Files.writeString(directory.resolve("tandem.yml"), "source:\n  host: x\n");
        assertEquals(2, plan(config, "plan").exitCode());
    }

    private static Run plan(Path config, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        int exitCode = commandLine.execute(all);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** A config naming the source only for real; the target is never contacted by plan. */
    private static Path config(Path directory, String account) throws Exception {
        return Files.writeString(directory.resolve("tandem.yml"), """
                source:
                  host: %s
                  port: %d
                  user: %s
                  password: %s
                  databases: [%s]
                target:
                  host: pg.invalid
                  database: nowhere
                  user: nobody
                """.formatted(source.host(), source.port(), account, PASSWORD, db));
    }

    private static String monitor() throws SQLException {
        try (Connection connection = source.connect(""); Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT VERSION()")) {
            rs.next();
            String version = rs.getString(1);
            // MariaDB 10.5 split BINLOG MONITOR out of REPLICATION CLIENT.
            return version.contains("MariaDB") && !version.startsWith("10.4") && !version.startsWith("10.3")
                    ? ", BINLOG MONITOR" : "";
        }
    }

    private static void createUser(String name, String privileges) throws SQLException {
        execute("DROP USER IF EXISTS '" + name + "'@'%'",
                "CREATE USER '" + name + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT " + privileges + " ON *.* TO '" + name + "'@'%'");
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection connection = source.connect(""); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
