package io.tandem.cutover.gate;

import io.tandem.cutover.GateCheck;
import java.util.List;
import java.util.function.Supplier;

/**
 * No table is being copied again from the source ("resync"): until its copy is swapped in, PostgreSQL holds that
 * table as it was before the statement or request that started it, and the stream may hold every table's changes
 * behind the copy.
 */
public final class NoResyncRunning implements GateCheck {

    private final Supplier<List<String>> unfinished;

    /** @param unfinished one line per unfinished resync (table, phase, progress), in words for the operator */
    public NoResyncRunning(Supplier<List<String>> unfinished) {
        this.unfinished = unfinished;
    }

    @Override
    public Result evaluate() {
        List<String> running = unfinished.get();
        return running.isEmpty() ? Result.pass("resync", "no table is being copied again")
                : Result.fail("resync", String.join("; ", running) + "; the cutover waits until "
                        + (running.size() == 1 ? "its copy is" : "their copies are") + " swapped in (GET /resync)");
    }
}
