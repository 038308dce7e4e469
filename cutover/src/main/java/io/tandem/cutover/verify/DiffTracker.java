package io.tandem.cutover.verify;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of one table that differed, across rounds. A row is a confirmed difference once a fresh round finds it
 * differing with neither side changed since the round before; it is dropped when a round finds it equal (the target
 * had been ahead or behind for that row), and it is unsettled when it changed in every round (a hot row).
 */
final class DiffTracker {

    /** Differing rows followed per table; a target that differs in more rows than this is reported as such. */
    static final int MAX_TRACKED = 10_000;

    private record Pending(int chunk, Observation observation) {
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final List<Observation> confirmed = new ArrayList<>();
    private final List<String> unsettled = new ArrayList<>();
    private long untracked;

    void firstSeen(int chunk, Observation observation) {
        if (pending.containsKey(observation.key())) {
            return;
        }
        if (pending.size() >= MAX_TRACKED) {
            untracked++;
            return;
        }
        pending.put(observation.key(), new Pending(chunk, observation));
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    Set<Integer> pendingChunks() {
        Set<Integer> chunks = new LinkedHashSet<>();
        pending.values().forEach(p -> chunks.add(p.chunk()));
        return chunks;
    }

    /** A fresh round of {@code chunk} found these rows differing (keyed by {@link Observation#key()}). */
    void recheck(int chunk, Map<String, Observation> now) {
        Iterator<Pending> rows = pending.values().iterator();
        List<Pending> changed = new ArrayList<>();
        while (rows.hasNext()) {
            Pending row = rows.next();
            if (row.chunk() != chunk) {
                continue;
            }
            Observation latest = now.get(row.observation().key());
            rows.remove();
            if (latest == null) {
                continue;
            }
            if (latest.sameRowsAs(row.observation())) {
                confirmed.add(latest);
            } else {
                changed.add(new Pending(chunk, latest));
            }
        }
        changed.forEach(p -> pending.put(p.observation().key(), p));
    }

    /** Both sides held still while they were read: what differed once is a difference (no recheck needed). */
    void confirmPending() {
        pending.values().forEach(p -> confirmed.add(p.observation()));
        pending.clear();
    }

    /** Ends the rounds: rows still pending kept changing. */
    void finish() {
        pending.values().forEach(p -> unsettled.add(p.observation().keyValues().toString()));
        pending.clear();
    }

    List<Observation> confirmed() {
        return confirmed;
    }

    List<String> unsettled() {
        return unsettled;
    }

    /** Differing rows beyond {@link #MAX_TRACKED}, neither rechecked nor reported. */
    long untracked() {
        return untracked;
    }
}
