package io.tandem.sink.mysql.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.admin.ControlTables;
import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.model.SourcePosition;
import io.tandem.sink.mysql.MySqlFixture;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reverse control tables: offsets, heartbeats and fence tokens written in the applier's transaction. */
class ReverseStateTest {

    private static ControlTables tables;
    private static ReverseOffsetTable offsets;
    private static ReverseControlRows controlRows;

    @BeforeAll
    static void createControlTables() throws Exception {
        tables = new ControlTables(MySqlFixture.server().createDatabase("tandem_ctl"));
        offsets = new ReverseOffsetTable(tables);
        controlRows = new ReverseControlRows(tables);
        try (Connection session = MySqlFixture.session()) {
            tables.createReverse(session);
            tables.createReverse(session);
            session.commit();
        }
    }

    @Test
    void anOffsetIsVisibleOnlyOnceItsTransactionCommits() throws Exception {
        Map<String, Object> partition = Map.of("server", "pg-reverse", "slot", "tandem_reverse");
        SourcePosition first = new SourcePosition(partition, Map.of("lsn", 1234L, "txId", 7), "0/4D2");
        SourcePosition second = new SourcePosition(partition, Map.of("lsn", 99_999_999_999L, "txId", 8), "17/4876E7FF");
        MySqlOffsetStore store = new MySqlOffsetStore(MySqlFixture.endpoint(), offsets);
        assertEquals(Optional.empty(), store.committedOffset(partition));

        try (Connection session = MySqlFixture.session()) {
            offsets.write(session, first);
            assertTrue(offsets.isStored(session, first));
            assertEquals(Optional.empty(), store.committedOffset(partition), "not committed yet");
            session.rollback();
            assertFalse(offsets.isStored(session, first));

            offsets.write(session, first);
            session.commit();
            offsets.write(session, second);
            assertTrue(offsets.isStored(session, second));
            assertFalse(offsets.isStored(session, first));
            session.commit();
        }
        assertEquals(Optional.of(Map.of("lsn", 99_999_999_999L, "txId", 8)), store.committedOffset(partition));
        assertEquals(Optional.empty(), store.committedOffset(Map.of("server", "other")));
        assertEquals(List.of("17/4876E7FF"), MySqlFixture.column(tables.database(),
                "SELECT position_description FROM reverse_offset"));
    }

    @Test
    void heartbeatsAndFenceTokensAreIdempotent() throws Exception {
        SourcePosition position = new SourcePosition(Map.of("server", "pg"), Map.of("lsn", 5L), "0/5");
        try (Connection session = MySqlFixture.session()) {
            controlRows.write(session, new Heartbeat("tandem-1", 41, 1_700_000_000_000_000L, position));
            controlRows.write(session, new Heartbeat("tandem-1", 42, 1_700_000_000_200_000L, position));
            controlRows.write(session, new FenceToken("token-a", position));
            controlRows.write(session, new FenceToken("token-a", position));
            session.commit();
            assertEquals(OptionalLong.of(42), controlRows.appliedSeq(session, "tandem-1"));
            assertEquals(OptionalLong.empty(), controlRows.appliedSeq(session, "tandem-2"));
            assertTrue(controlRows.fenceApplied(session, "token-a"));
            assertFalse(controlRows.fenceApplied(session, "TOKEN-A"), "tokens compare byte for byte");
            session.rollback();
        }
        assertEquals(List.of("42|1700000000200000|0/5"), MySqlFixture.column(tables.database(),
                "SELECT CONCAT_WS('|', seq, written_at, position_description) FROM reverse_heartbeat"));
    }
}
