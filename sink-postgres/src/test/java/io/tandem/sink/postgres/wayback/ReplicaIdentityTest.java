package io.tandem.sink.postgres.wayback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FULL identity is set where missing, and a table whose lock is held elsewhere is reported, not waited for. */
class ReplicaIdentityTest {

    private static final PublishedTable KEYED = new PublishedTable("shop", "items");
    private static final PublishedTable KEYLESS = new PublishedTable("shop", "Log");

    private WayBackDb db;
    private final ReplicaIdentity identity = new ReplicaIdentity(Duration.ofMillis(100), 2, Duration.ofMillis(50));

    @BeforeEach
    void open() throws Exception {
        db = WayBackDb.open("wayback_identity");
        db.execute("CREATE SCHEMA shop", "CREATE TABLE shop.items (id bigint PRIMARY KEY, name text)",
                "CREATE TABLE shop.\"Log\" (who text, what text)");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void setsFullWhereMissingAndReportsWhatChanged() throws Exception {
        db.execute("ALTER TABLE shop.items REPLICA IDENTITY FULL");
        try (Connection connection = db.connect()) {
            ReplicaIdentity.Result result = identity.ensureFull(connection, List.of(KEYED, KEYLESS));
            assertEquals(List.of(KEYLESS), result.changed());
            assertEquals(List.of(KEYED), result.alreadyFull());
            assertEquals(List.of(), result.busy());
            assertTrue(ReplicaIdentity.isFull(connection, KEYLESS));
            assertEquals(List.of(KEYED, KEYLESS), identity.ensureFull(connection, List.of(KEYED, KEYLESS))
                    .alreadyFull());
        }
    }

    @Test
    void aTableLockedElsewhereIsReportedBusyThenSetOnceFree() throws Exception {
        try (Connection reader = db.connect(); Connection connection = db.connect()) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                // A long reader: its ACCESS SHARE lock conflicts with the ALTER's ACCESS EXCLUSIVE.
                statement.execute("SELECT count(*) FROM shop.\"Log\"");
            }
            ReplicaIdentity.Result busy = identity.ensureFull(connection, List.of(KEYED, KEYLESS));
            assertEquals(List.of(KEYED), busy.changed());
            assertEquals(List.of(KEYLESS), busy.busy());
            assertEquals("d", db.value("SELECT relreplident FROM pg_class WHERE oid = 'shop.\"Log\"'::regclass"));
            assertEquals("0", db.value("SELECT count(*) FROM pg_locks WHERE pid <> ? AND NOT granted",
                    WayBackDb.pid(reader)), "nothing left queued behind the reader");

            reader.commit();
            assertEquals(List.of(KEYLESS), identity.ensureFull(connection, List.of(KEYED, KEYLESS)).changed());
        }
    }
}
