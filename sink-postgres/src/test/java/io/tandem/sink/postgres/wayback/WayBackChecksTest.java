package io.tandem.sink.postgres.wayback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.sink.postgres.wayback.WayBackFinding.Verdict;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every check on the embedded PostgreSQL 17, as its superuser and as a role that lacks what the way back needs. */
class WayBackChecksTest {

    private WayBackDb db;
    private final String plainRole = WayBackDb.unique("wayback_plain");
    private final String memberRole = WayBackDb.unique("wayback_member");

    @BeforeEach
    void open() throws Exception {
        db = WayBackDb.open("wayback_checks");
        db.execute("CREATE ROLE " + plainRole + " LOGIN", "CREATE ROLE " + memberRole + " LOGIN",
                "GRANT " + db.server.adminUser() + " TO " + memberRole);
    }

    @AfterEach
    void close() throws Exception {
        db.close(); // first: the grants made in it go with it
        try (Connection connection = db.server.connect(db.server.maintenanceDatabase());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP ROLE IF EXISTS " + plainRole);
            statement.execute("DROP ROLE IF EXISTS " + memberRole);
        }
    }

    @Test
    void asSuperuserOnlyTheUnboundedWalAndTheBadApplicationRolesAreFlagged() throws Exception {
        String superuser = db.server.adminUser();
        WayBackChecks checks = new WayBackChecks("tandem_reverse", 4,
                List.of(plainRole, superuser, memberRole, "no_such_role"));
        List<WayBackFinding> findings;
        try (Connection connection = db.connect()) {
            findings = checks.run(connection);
        }
        Map<String, Verdict> system = new LinkedHashMap<>();
        findings.stream().filter(f -> !f.check().equals("application_role"))
                .forEach(f -> system.put(f.check(), f.verdict()));
        assertEquals(Map.of("server_version", Verdict.PASS, "wal_level", Verdict.PASS, "replication_role",
                Verdict.PASS, "origin_privileges", Verdict.PASS, "replication_slots", Verdict.PASS, "wal_senders",
                Verdict.PASS, "replication_origins", Verdict.PASS, "max_slot_wal_keep_size", Verdict.WARN), system,
                findings::toString);
        assertTrue(message(findings, "max_slot_wal_keep_size").contains("ALTER SYSTEM SET max_slot_wal_keep_size"));

        List<WayBackFinding> roles = findings.stream().filter(f -> f.check().equals("application_role")).toList();
        assertEquals(List.of(Verdict.PASS, Verdict.FAIL, Verdict.FAIL, Verdict.FAIL),
                roles.stream().map(WayBackFinding::verdict).toList(), roles::toString);
        assertTrue(roles.get(1).message().contains("is a superuser") && roles.get(1).message().contains("NOSUPERUSER"),
                roles.get(1).message());
        assertTrue(roles.get(2).message().contains("member of superuser role(s) " + superuser),
                roles.get(2).message());
        assertTrue(roles.get(3).message().contains("does not exist"), roles.get(3).message());
    }

    @Test
    void aRoleWithoutReplicationOrOriginGrantsFailsWithTheFix() throws Exception {
        WayBackChecks checks = new WayBackChecks("tandem_reverse", 4, List.of());
        try (Connection plain = DriverManager.getConnection(db.server.jdbcUrl(db.database), plainRole, "")) {
            List<WayBackFinding> before = checks.run(plain);
            assertEquals(Verdict.FAIL, verdict(before, "replication_role"));
            assertTrue(message(before, "replication_role").contains("ALTER ROLE \"" + plainRole
                    + "\" WITH REPLICATION"), message(before, "replication_role"));
            assertEquals(Verdict.FAIL, verdict(before, "origin_privileges"));
            assertTrue(message(before, "origin_privileges").contains("GRANT EXECUTE ON FUNCTION "
                    + "pg_replication_origin_create(text)"), message(before, "origin_privileges"));
            // pg_replication_origin_status is not readable without a grant: said, not guessed.
            assertEquals(Verdict.WARN, verdict(before, "replication_origins"));
            assertTrue(message(before, "replication_origins").startsWith("could not be checked"));
            assertEquals(Verdict.NOTE, verdict(before, "application_role"));

            db.execute("ALTER ROLE " + plainRole + " WITH REPLICATION",
                    "GRANT EXECUTE ON FUNCTION pg_replication_origin_session_setup(text),"
                            + " pg_replication_origin_session_reset(), pg_replication_origin_create(text) TO "
                            + plainRole);
            List<WayBackFinding> after = checks.run(plain);
            assertEquals(Verdict.PASS, verdict(after, "replication_role"), after::toString);
            assertEquals(Verdict.PASS, verdict(after, "origin_privileges"), after::toString);
        }
    }

    @Test
    void versionsBelowSixteenFilterClientSideOnly() {
        assertEquals(Verdict.NOTE, WayBackChecks.version(150004).verdict());
        assertEquals(Verdict.PASS, WayBackChecks.version(170006).verdict());
        assertEquals(Verdict.FAIL, WayBackChecks.version(90624).verdict());
    }

    private static Verdict verdict(List<WayBackFinding> findings, String check) {
        return find(findings, check).verdict();
    }

    private static String message(List<WayBackFinding> findings, String check) {
        return find(findings, check).message();
    }

    private static WayBackFinding find(List<WayBackFinding> findings, String check) {
        return findings.stream().filter(f -> f.check().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + check + " in " + findings));
    }
}
