package io.tandem.deploy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.deploy.Main;
import io.tandem.testkit.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tandem plan} on the way back, against the test servers: PostgreSQL's findings with their fixes when the
 * target can be reached, its requirements when it cannot, and from MySQL the triggers and referential actions the
 * reverse stream cannot honour. None of it changes the exit code: the way back does not block replication.
 */
class PlanWayBackTest {

    private static SourceServer source;
    private static TargetServer target;
    private static String db;
    private static String pg;

    @BeforeAll
    static void setUp() throws Exception {
        TestServers.Pair servers = TestServers.both();
        source = servers.source();
        target = servers.target();
        db = source.createDatabase("plan_wayback");
        pg = target.createDatabase("plan_wayback");
        try (Connection connection = source.connect(db); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE parent (id INT PRIMARY KEY, note VARCHAR(20))");
            statement.execute("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT,"
                    + " CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE)");
            statement.execute("CREATE TABLE kept (id INT PRIMARY KEY, parent_id INT,"
                    + " CONSTRAINT fk_kept_parent FOREIGN KEY (parent_id) REFERENCES parent (id))");
            statement.execute("CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(20))");
            statement.execute("CREATE TRIGGER parent_audit AFTER INSERT ON parent FOR EACH ROW"
                    + " INSERT INTO audit (what) VALUES (NEW.note)");
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        source.dropDatabase(db);
        target.dropDatabase(pg);
    }

    @Test
    void aReachableTargetIsCheckedAndEachFindingComesWithItsFix(@TempDir Path directory) throws Exception {
        // The test server's admin is a superuser: as an application role a REVOKE could not fence it.
        Path config = config(directory, target.host(), target.port(), "cutover:\n  target-app-roles: ["
                + target.adminUser() + "]\n");

        Run run = plan(config);

        assertEquals(0, run.exitCode(), "the way back does not block replication:\n" + run.out() + run.err());
        System.out.print(run.out().substring(run.out().indexOf("\nThe way back")));
        String out = run.out().replaceAll(" +", " ");
        assertTrue(out.contains("The way back (failback.enabled)"), out);
        assertTrue(out.contains("PostgreSQL at " + target.host() + ":" + target.port() + "/" + pg + ": "), out);
        assertTrue(out.contains("FAIL application_role application role " + target.adminUser() + " is a superuser"),
                out);
        assertTrue(out.contains("NOSUPERUSER"), "the fix: " + out);
        assertFalse(out.contains("PASS wal_level"), "passing checks are not listed: " + out);
        assertTrue(out.contains("the way back cannot be armed: 1 failed PostgreSQL checks"), out);
        assertTriggersAndKeys(out);

        JsonNode json = new ObjectMapper().readTree(plan(config, "--json").out()).get("wayBack");
        assertTrue(json.get("targetError").isNull(), json.toString());
        assertEquals("parent_audit", json.get("triggers").get(0).get("name").asText());
        assertEquals(1, json.get("referentialActions").size(), json.toString());
        assertTrue(json.get("findings").size() >= 8, json.toString());
    }

    @Test
    void anUnreachableTargetIsSaidSoWithWhatTheWayBackWillNeed(@TempDir Path directory) throws Exception {
        Run run = plan(config(directory, "pg.invalid", 5432, ""));

        assertEquals(0, run.exitCode(), run.out() + run.err());
        String out = run.out().replaceAll(" +", " ");
        assertTrue(out.contains("cannot reach PostgreSQL at pg.invalid:5432/" + pg), out);
        for (String need : new String[] {"wal_level = logical", "REPLICATION attribute",
                "pg_replication_origin_session_setup", "max_slot_wal_keep_size", "not superusers"}) {
            assertTrue(out.contains(need), need + " in\n" + out);
        }
        assertTriggersAndKeys(out);
    }

    @Test
    void withoutFailbackThePlanSaysTheCutoverIsOneWay(@TempDir Path directory) throws Exception {
        Run run = plan(config(directory, "pg.invalid", 5432, "failback:\n  enabled: false\n"));

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("not enabled (failback.enabled: false): the cutover is one-way"), run.out());
        assertFalse(run.out().contains("Triggers on replicated tables"), run.out());
    }

    private static void assertTriggersAndKeys(String out) {
        assertTrue(out.contains("Triggers on replicated tables (1): MySQL fires them for every row the reverse"
                + " stream writes"), out);
        assertTrue(out.contains(db + ".parent parent_audit AFTER INSERT"), out);
        assertTrue(out.contains("Foreign keys with referential actions (1): the reverse stream writes with"
                + " foreign_key_checks=0"), out);
        assertTrue(out.contains(db + ".child fk_child_parent ON DELETE CASCADE"), out);
        assertFalse(out.contains(db + ".kept fk_kept_parent ON DELETE"), "RESTRICT is no action to miss: " + out);
    }

    record Run(int exitCode, String out, String err) {
    }

    private static Run plan(Path config, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] args = new String[more.length + 3];
        args[0] = "plan";
        args[1] = "--config";
        args[2] = config.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    private static Path config(Path directory, String targetHost, int targetPort, String extraYaml) throws Exception {
        return Files.writeString(directory.resolve("tandem.yml"), """
                source:
                  host: %s
                  port: %d
                  user: %s
                  password: "%s"
                  databases: [%s]
                target:
                  host: %s
                  port: %d
                  database: %s
                  user: %s
                  password: "%s"
                  ssl-mode: disable
                """.formatted(source.host(), source.port(), source.adminUser(), source.adminPassword(), db,
                targetHost, targetPort, pg, target.adminUser(), target.adminPassword()) + extraYaml);
    }
}
