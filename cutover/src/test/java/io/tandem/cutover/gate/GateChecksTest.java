package io.tandem.cutover.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.cutover.FakeReplication;
import io.tandem.cutover.GateCheck;
import io.tandem.engine.lag.LagReading;
import io.tandem.engine.pipeline.PipelineState;
import io.tandem.engine.pipeline.ReplicationHandle;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate checks that read no database: each failure says why in words an operator acts on. */
class GateChecksTest {

    @Test
    void replicationMustBeStreamingNotStillCopying() {
        GateCheck.Result snapshot = new ForwardStreaming(in(PipelineState.SNAPSHOT)).evaluate();
        assertFalse(snapshot.ok());
        assertEquals("forward replication is SNAPSHOT, not STREAMING (the snapshot is still copying)",
                snapshot.reason());
        assertTrue(new ForwardStreaming(in(PipelineState.STREAMING)).evaluate().ok());
        assertFalse(new ForwardStreaming(in(PipelineState.FAILED)).evaluate().ok());
    }

    @Test
    void lagMustBeKnownAndBelowTheLimit() {
        Duration max = Duration.ofMillis(250);
        GateCheck.Result unknown = new LagBelow(() -> new LagReading(null, null, null, null, List.of()), max)
                .evaluate();
        assertFalse(unknown.ok());
        assertTrue(unknown.reason().contains("no heartbeat has arrived"), unknown.reason());

        GateCheck.Result high = new LagBelow(() -> new LagReading(0.1, 0.1, 0.9, 1L, List.of()), max).evaluate();
        assertFalse(high.ok());
        assertTrue(high.reason().contains("p99 0.900 s") && high.reason().contains("cutover.max-lag 250 ms"),
                high.reason());

        assertTrue(new LagBelow(() -> new LagReading(0.1, 0.1, 0.2, 1L, List.of()), max).evaluate().ok());
    }

    @Test
    void theReverseLagNamesItsOwnLimitAndDatabase() {
        Duration max = Duration.ofSeconds(1);
        GateCheck.Result unknown = LagBelow.reverse(() -> new LagReading(null, null, null, null, List.of()), max)
                .evaluate();
        assertEquals("reverse lag", unknown.name());
        assertTrue(unknown.reason().contains("no heartbeat has arrived on MySQL"), unknown.reason());

        GateCheck.Result high = LagBelow.reverse(() -> new LagReading(1.2, 0.1, 1.3, 1L, List.of()), max).evaluate();
        assertFalse(high.ok());
        assertTrue(high.reason().contains("failback.max-lag 1000 ms"), high.reason());
    }

    @Test
    void noTableMayBeBeingCopiedAgain() {
        assertTrue(new NoResyncRunning(List::of).evaluate().ok());

        GateCheck.Result copying = new NoResyncRunning(() -> List.of("shop.orders copying (1,200 of ~5,000 rows)"))
                .evaluate();
        assertFalse(copying.ok());
        assertEquals("resync", copying.name());
        assertEquals("shop.orders copying (1,200 of ~5,000 rows); the cutover waits until its copy is swapped in"
                + " (GET /resync)", copying.reason());
    }

    private static ReplicationHandle in(PipelineState state) {
        return new FakeReplication(state);
    }
}
