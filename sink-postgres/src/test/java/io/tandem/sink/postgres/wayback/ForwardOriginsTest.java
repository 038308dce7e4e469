package io.tandem.sink.postgres.wayback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.sink.postgres.wayback.SlotState.Phase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commits of a tagged session carry a forward origin, so pgoutput with {@code origin 'none'} (PG ≥ 16) leaves them
 * out of the reverse stream while untagged commits stay in; two sessions take two origins, a third is refused.
 */
class ForwardOriginsTest {

    private static final int ORIGINS = 2;
    private static final String PUBLICATION = "tandem_reverse";

    private WayBackDb db;
    private ReverseSlot slot;

    @BeforeEach
    void open() throws Exception {
        db = WayBackDb.open("wayback_origin");
        db.execute("CREATE TABLE public.items (id bigint PRIMARY KEY, note text)");
        try (Connection connection = db.connect()) {
            ReverseControlTables.create(connection);
            new ReversePublication(PUBLICATION).ensure(connection, List.of(new PublishedTable("public", "items")));
        }
        slot = db.slot("tandem_reverse_origin");
        slot.start();
        assertEquals(Phase.READY, slot.await(Duration.ofSeconds(30)).phase());
    }

    @AfterEach
    void close() throws Exception {
        db.closeWith(slot, ORIGINS);
    }

    @Test
    void taggedCommitsAreLeftOutByOriginNoneAndUntaggedOnesAreNot() throws Exception {
        try (Connection connection = db.connect()) {
            assertEquals(List.of("tandem_forward_0", "tandem_forward_1"), ForwardOrigins.ensure(connection, ORIGINS));
            assertEquals(List.of(), ForwardOrigins.ensure(connection, ORIGINS), "ensure is idempotent");
        }
        try (Connection first = db.connect(); Connection second = db.connect(); Connection third = db.connect()) {
            ForwardOrigins.tagSession(first, ORIGINS);
            assertTrue(ForwardOrigins.isTagged(first));
            insert(first, 1, "forward-one");

            second.setAutoCommit(false); // as the sink's pool hands them out
            ForwardOrigins.tagSession(second, ORIGINS);
            insert(second, 2, "forward-two");
            second.commit();

            SQLException full = assertThrows(SQLException.class, () -> ForwardOrigins.tagSession(third, ORIGINS));
            assertEquals("53400", full.getSQLState(), full.getMessage());
            assertFalse(ForwardOrigins.isTagged(third));
            insert(third, 3, "plain-three");

            ForwardOrigins.untagSession(first);
            insert(first, 4, "after-reset-four");
        }

        String filtered = changes("none");
        assertTrue(filtered.contains("plain-three"), filtered);
        assertTrue(filtered.contains("after-reset-four"), filtered);
        assertFalse(filtered.contains("forward-one"), filtered);
        assertFalse(filtered.contains("forward-two"), filtered);

        String unfiltered = changes("any");
        for (String note : List.of("forward-one", "forward-two", "plain-three", "after-reset-four")) {
            assertTrue(unfiltered.contains(note), note + " in " + unfiltered);
        }
    }

    private static void insert(Connection connection, long id, String note) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, note);
            insert.executeUpdate();
        }
    }

    /** Every pgoutput message the slot holds (without consuming it), as Latin-1 text to search for values in. */
    private String changes(String origin) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Connection connection = db.connect(); PreparedStatement peek = connection.prepareStatement(
                "SELECT data FROM pg_logical_slot_peek_binary_changes(?, NULL, NULL, 'proto_version', '1',"
                        + " 'publication_names', ?, 'origin', ?)")) {
            peek.setString(1, slot.name());
            peek.setString(2, PUBLICATION);
            peek.setString(3, origin);
            try (ResultSet rows = peek.executeQuery()) {
                while (rows.next()) {
                    all.write(rows.getBytes(1));
                }
            }
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
