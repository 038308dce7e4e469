package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.resync.Resync;
import io.tandem.engine.transform.TargetTable;
import java.util.Objects;

/**
 * Puts a table's re-copy in place of the table, in the batch's transaction: readers see the old table until that
 * commit and the copy from then on, never an empty or half-copied one. From here the table's definition is the
 * copy's and its changes before the copy position are dropped, as after the initial snapshot.
 *
 * @param resync a resync in phase {@code COPIED}
 * @param replaced the table as the target holds it now, which the copy replaces; null for a table the target does
 *     not have yet (one that took a replicated name, or appeared while the snapshot ran)
 */
public record SwapInCopy(Resync resync, TargetTable replaced, SourcePosition position) implements ChangeEvent {

    public SwapInCopy {
        Objects.requireNonNull(position, "position");
        if (resync.phase() != Resync.Phase.COPIED) {
            throw new IllegalArgumentException("only a copied resync can be swapped in, not " + resync.phase());
        }
    }

    public TargetTable copied() {
        return resync.copied();
    }

    @Override
    public long estimatedBytes() {
        return 256L * (1 + copied().columns().size());
    }
}
