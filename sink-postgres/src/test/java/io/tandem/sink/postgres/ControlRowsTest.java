package io.tandem.sink.postgres;

import static io.tandem.sink.postgres.Fixtures.insert;
import static io.tandem.sink.postgres.Fixtures.items;
import static io.tandem.sink.postgres.Fixtures.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.state.ControlRowTables;
import io.tandem.sink.postgres.state.TargetFence;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Heartbeats and fence tokens commit with the batch that carries them, and a fence can be awaited. */
class ControlRowsTest {

    private TargetFixture db;
    private final TargetTable items = items();

    @BeforeEach
    void open() throws Exception {
        db = TargetFixture.open("sink_control");
        db.target.snapshotTarget().createTable(items);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void heartbeatAndFenceCommitWithTheirBatchAndReplaysChangeNothing() throws Exception {
        List<ChangeEvent> batch = List.of(
                insert(items, 1, "1", "a", "1"),
                new Heartbeat("hb-test", 41, 1_000_000L, position(2)),
                new Heartbeat("hb-test", 42, 1_200_000L, position(3)),
                new FenceToken("F-1", position(4)),
                new TransactionEnd("tx1", position(4)));
        db.target.changeSink().apply(batch, position(4));

        assertEquals(List.of(List.of("42", "1200000")),
                db.query("SELECT seq, written_at FROM tandem.heartbeat WHERE instance = 'hb-test'"));
        assertEquals(Optional.of(new ControlRowTables.AppliedHeartbeat(42, 1_200_000L)),
                db.target.appliedHeartbeat("hb-test"));
        assertEquals(Optional.empty(), db.target.appliedHeartbeat("another"));
        TargetFence fence = db.target.fence(Clock.systemUTC());
        assertTrue(fence.holds("F-1"));
        fence.await("F-1", Clock.systemUTC().instant().plusSeconds(5));
        assertFalse(fence.holds("F-2"));
        assertThrows(TimeoutException.class,
                () -> fence.await("F-2", Clock.systemUTC().instant().plus(Duration.ofMillis(200))));
    }
}
