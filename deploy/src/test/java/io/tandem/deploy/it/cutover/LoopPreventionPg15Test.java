package io.tandem.deploy.it.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.postgres.stream.ReverseMode;
import io.tandem.deploy.it.Await;
import io.tandem.deploy.it.SourceFixture;
import io.tandem.deploy.replication.Daemon;
import io.tandem.deploy.replication.ReverseReplication;
import io.tandem.engine.config.TandemConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loop prevention where pgoutput has no {@code origin=none} (PostgreSQL before 16; test 4 of the ten): the slot
 * then carries tandem's own forward writes, and the reverse source must leave them out by the replication origin
 * their transactions carry. On a PostgreSQL 15 of its own, with the way back in shadow mode: forward inserts,
 * updates and deletes are filtered (counted) and none is a rogue write; a write by another session is reported as
 * rogue and does not reach MySQL. Skipped, with the install command, where PostgreSQL 15 is not installed.
 */
class LoopPreventionPg15Test {

    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final Pattern LSN = Pattern.compile("([0-9A-Fa-f]+)/([0-9A-Fa-f]+)");

    @TempDir
    Path directory;

    @Test
    void forwardWritesAreFilteredByTheirOriginAndAnotherSessionsWriteIsRogue() throws Exception {
        try (Postgres15Server postgres = Postgres15Server.start()) {
            SourceFixture data = SourceFixture.withoutSakila("loop15", postgres);
            try {
                data.onSource("CREATE TABLE items (id INT PRIMARY KEY, v VARCHAR(20))",
                        "INSERT INTO items VALUES (1, 'one')");
                Path config = data.writeConfig(directory, "failback:\n  max-lag: 5s\n");
                try (Daemon daemon = Daemon.start(TandemConfig.load(config), line -> { }, 60_000)) {
                    ReverseReplication reverse = daemon.reverse();
                    Await.until("the way back to shadow", WAIT, () -> reverse.notReadyFor(ReverseMode.SHADOW) == null);
                    long version = data.targetQueryLong("SELECT current_setting('server_version_num')::int");
                    assertTrue(version < 160000, "the server is PostgreSQL 15: " + version);
                    forwardWritesAreFiltered(data, reverse);
                    anotherSessionsWriteIsRogue(data, reverse);
                }
            } finally {
                data.source.dropDatabase(data.database);
            }
        }
    }

    private static void forwardWritesAreFiltered(SourceFixture data, ReverseReplication reverse) throws Exception {
        long before = reverse.status().forwardEventsFiltered();
        data.onSource("INSERT INTO items VALUES (2, 'two'), (3, 'three')", "UPDATE items SET v = 'ONE' WHERE id = 1",
                "DELETE FROM items WHERE id = 3");
        Await.until("the forward writes on PostgreSQL", WAIT, () -> "1ONE,2two".equals(items(data)));
        long walEnd = data.targetQueryLong("SELECT pg_current_wal_insert_lsn() - '0/0'");
        Await.until("the reverse stream to pass the forward writes in the WAL", WAIT,
                () -> appliedLsn(reverse) >= walEnd);
        // At least the insert of 2 and the update of 1: the forward sink may merge the insert and delete of 3 in
        // one batch, so that neither reaches PostgreSQL.
        long filtered = reverse.status().forwardEventsFiltered() - before;
        assertTrue(filtered >= 2, "forward changes left out by their origin: " + filtered + "; " + reverse.status());
        assertEquals(0, reverse.status().rogueWrites(), "forward writes are no rogue writes: " + reverse.status());
    }

    /** The LSN of the position the reverse sink committed last (heartbeats move it on an idle stream). */
    private static long appliedLsn(ReverseReplication reverse) {
        String position = reverse.status().appliedPosition();
        Matcher lsn = position == null ? null : LSN.matcher(position);
        if (lsn == null || !lsn.find()) {
            return -1;
        }
        return (Long.parseLong(lsn.group(1), 16) << 32) + Long.parseLong(lsn.group(2), 16);
    }

    private static void anotherSessionsWriteIsRogue(SourceFixture data, ReverseReplication reverse) throws Exception {
        try (Connection postgres = data.target.connect(data.targetDatabase);
             Statement statement = postgres.createStatement()) {
            statement.execute("UPDATE \"" + data.database + "\".items SET v = 'rogue' WHERE id = 2");
        }
        Await.until("the rogue write to be reported", WAIT, () -> reverse.status().rogueWrites() == 1);
        assertTrue(reverse.status().recentRogueWrites().get(0).relation().contains("items"),
                reverse.status().toString());
        try (Connection mysql = data.source.connect(data.database); Statement statement = mysql.createStatement();
             ResultSet row = statement.executeQuery("SELECT v FROM items WHERE id = 2")) {
            row.next();
            assertEquals("two", row.getString(1), "the rogue write did not reach MySQL");
        }
    }

    private static String items(SourceFixture data) throws Exception {
        return data.targetRows("SELECT string_agg(id || v, ',' ORDER BY id) FROM \"" + data.database + "\".items")
                .get(0).get(0);
    }
}
