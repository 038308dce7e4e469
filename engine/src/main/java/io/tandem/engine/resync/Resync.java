package io.tandem.engine.resync;

import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One online re-copy of a replicated table from the source ("resync"), as recorded in the target. Its phases:
 * {@link Phase#REQUESTED} (the stream drops the table's changes, which the copy will hold), {@link Phase#COPIED}
 * (the copy is committed aside, consistent with {@link #copyPosition()}, waiting to be swapped in with a stream
 * batch) and {@link Phase#DONE} (swapped in; the table's changes from the copy position on are applied again).
 *
 * @param reason why: the statement that could not be translated, or an operator's request
 * @param copyPosition the source position the copy is consistent with; null before COPIED
 * @param copied the table as copied (the source's definition at the copy position, mapped); null before COPIED
 * @param rows rows copied; 0 before COPIED
 */
public record Resync(long id, TableId table, String reason, Instant requestedAt, Phase phase,
                     Map<String, String> copyPosition, TargetTable copied, long rows) {

    public enum Phase { REQUESTED, COPIED, DONE }

    public Resync {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(phase, "phase");
        copyPosition = copyPosition == null ? null : Map.copyOf(copyPosition);
        if (phase != Phase.REQUESTED && (copyPosition == null || copied == null)) {
            throw new IllegalArgumentException("a " + phase + " resync of " + table + " needs its copy");
        }
    }

    /**
     * The schema the copy is built in, one per resync: the copy keeps the table's own name, index and constraint
     * names there (PostgreSQL scopes them by schema), and moving the table into place carries them all along.
     */
    public String stagingSchema() {
        return "tandem_resync_" + id;
    }

    public boolean finished() {
        return phase == Phase.DONE;
    }
}
