package io.tandem.cutover.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiffTrackerTest {

    private static Observation row(String key, String source, String target) {
        return new Observation(key, Map.of("id", key), source == null ? null : List.of(key, source),
                target == null ? null : List.of(key, target), List.of());
    }

    @Test
    void aRowDifferingTwiceUnchangedIsConfirmed() {
        DiffTracker tracker = new DiffTracker();
        tracker.firstSeen(0, row("1", "a", "b"));
        tracker.recheck(0, Map.of("1", row("1", "a", "b")));
        tracker.finish();
        assertEquals(1, tracker.confirmed().size());
        assertEquals(List.of(), tracker.unsettled());
    }

    @Test
    void aRowEqualInTheNextRoundIsDropped() {
        DiffTracker tracker = new DiffTracker();
        tracker.firstSeen(0, row("1", "a", "b"));
        tracker.recheck(0, Map.of());
        assertFalse(tracker.hasPending());
        tracker.finish();
        assertEquals(List.of(), tracker.confirmed());
        assertEquals(List.of(), tracker.unsettled());
    }

    @Test
    void aRowChangingEveryRoundIsUnsettledNotADifference() {
        DiffTracker tracker = new DiffTracker();
        tracker.firstSeen(3, row("1", "a", "b"));
        tracker.recheck(3, Map.of("1", row("1", "a2", "b")));
        tracker.recheck(3, Map.of("1", row("1", "a2", "b3")));
        tracker.finish();
        assertEquals(List.of(), tracker.confirmed());
        assertEquals(List.of("{id=1}"), tracker.unsettled());
    }

    @Test
    void aRecheckOfOneChunkLeavesTheOthersPending() {
        DiffTracker tracker = new DiffTracker();
        tracker.firstSeen(0, row("1", "a", "b"));
        tracker.firstSeen(1, row("9", "a", null));
        tracker.recheck(0, Map.of());
        assertEquals(java.util.Set.of(1), tracker.pendingChunks());
    }
}
